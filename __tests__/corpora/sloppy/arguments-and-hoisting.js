function legacyArgs(a, b) {
  var args = arguments;
  var first = function () {
    return arguments[0];
  };
  var arrow = () => arguments.length + args.length;
  if (a) {
    function arguments() {}
  }
  return [first, arrow];
}

function hoisted() {
  use();
  var value = 1;
  function use() {
    return value;
  }
  var value = 2;
  return function () {
    return value;
  };
}

function loops(list) {
  var out = [];
  for (var i = 0; i < list.length; i++) {
    var item = list[i];
    out.push(function () {
      return item + i;
    });
  }
  for (var key in list) {
    out.push(function () {
      return key;
    });
  }
  return out;
}

function paramAndVar(x, y) {
  var x = x || 1;
  return function () {
    return x + y;
  };
}

function splitParams(x, f = function () { return x; }) {
  var x = 2;
  return [f, function () { return x; }];
}

var counter = 0;
function bump() {
  counter = counter + 1;
  return function () {
    counter++;
    return counter;
  };
}
