var shared = 0;

function catches() {
  try {
    shared++;
  } catch (error) {
    {
      function error() {
        return "shadowed";
      }
    }
  }
  return function () {
    return error;
  };
}

function destructuredCatch() {
  try {
    shared++;
  } catch ({ message }) {
    {
      function message() {}
    }
  }
  return () => message;
}

function blockedByLet() {
  let step = 1;
  {
    function step() {}
  }
  return () => step;
}

function existingVar() {
  var helper = null;
  if (shared) {
    function helper() {
      return 1;
    }
  }
  return () => helper;
}

function parameter(handler) {
  {
    function handler() {}
  }
  return () => handler;
}

function withDefaults(a = () => later) {
  {
    function later() {
      return a;
    }
  }
  return () => later;
}

var named = function self() {
  {
    function self() {
      return 1;
    }
  }
  return () => self;
};

function nestedBlocks(flag) {
  if (flag) {
    if (flag > 1) {
      function deep() {
        return flag;
      }
    }
  }
  label: {
    function labelled() {}
    break label;
  }
  return [() => deep, () => labelled];
}

function notAnnexB() {
  {
    async function a() {}
    function* g() {}
  }
  return [() => a, () => g];
}

if (shared) {
  function topLevel() {
    return shared;
  }
}
var useTop = function () {
  return topLevel;
};
