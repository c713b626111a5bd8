(function (root, factory) {
  if (typeof define === "function" && define.amd) {
    define([], factory);
  } else if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.Legacy = factory();
  }
})(this, function () {
  var registry = {};
  var count = 0;

  if (typeof Object.assign !== "function") {
    function assign(target) {
      for (var i = 1; i < arguments.length; i++) {
        var source = arguments[i];
        for (var key in source) if (Object.prototype.hasOwnProperty.call(source, key)) target[key] = source[key];
      }
      return target;
    }
  } else {
    var assign = Object.assign;
  }

  function register(name, impl) {
    if (registry[name]) {
      function warn(message) {
        if (typeof console !== "undefined") console.warn(message + ": " + name);
      }
      warn("replacing");
    }
    registry[name] = impl;
    count++;
    return function unregister() {
      delete registry[name];
      count--;
      warn && warn("removed");
    };
  }

  for (var i = 0; i < 3; i++) {
    function slot() {
      return i;
    }
  }

  function lookup(name) {
    switch (typeof name) {
      case "string":
        function normalise(n) {
          return n.toLowerCase();
        }
        return registry[normalise(name)];
      default:
        return undefined;
    }
  }

  return {
    register: register,
    lookup: lookup,
    size: function () {
      return count + (slot ? 0 : 0);
    },
    merge: function (a, b) {
      return assign({}, a, b);
    },
    normalise: function (n) {
      return typeof normalise === "function" ? normalise(n) : n;
    },
  };
});
