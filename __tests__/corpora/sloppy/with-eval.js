var config = { debug: false, level: 1 };
var templateCache = {};

function compile(source) {
  var body = "with (data) { return " + source + "; }";
  return new Function("data", body);
}

function evaluate(expression, scope) {
  with (scope) {
    var result = eval(expression);
    function report() {
      return result + config.level;
    }
  }
  return [result, report];
}

function render(name, data) {
  var template = templateCache[name];
  if (!template) {
    template = templateCache[name] = compile(name);
  }
  return function () {
    return template(data) + config.debug;
  };
}

function sandbox(code) {
  var local = 1;
  var run = function () {
    return eval(code) + local;
  };
  return run;
}

function indirectOnly(code) {
  var local = 1;
  var indirect = function () {
    return (0, eval)(code) + local;
  };
  return [indirect, function () { return local; }];
}

function outer() {
  var hidden = 2;
  eval("var hidden = 3");
  return function inner() {
    return hidden + config.level;
  };
}

function withOptions(options) {
  with (options) {
    return function read() {
      return level + config.level;
    };
  }
}

function strictInside() {
  "use strict";
  var value = 1;
  return function () {
    return eval("value") + value;
  };
}
