export function Validator(input: string) {
  return Validator.rules.every((rule) => rule(input));
}
export namespace Validator {
  export const rules: Array<(input: string) => boolean> = [];
  export function add(rule: (input: string) => boolean) {
    rules.push(rule);
    return () => rules.indexOf(rule);
  }
}

export class Registry {
  private items = new Map<string, number>();
  register(name: string) {
    this.items.set(name, Registry.nextId());
    return Registry.defaults.size;
  }
}
export namespace Registry {
  let id = 0;
  export function nextId() {
    return ++id;
  }
  export const defaults = new Set<string>();
}

export enum Level {
  Low,
  High,
}
export namespace Level {
  export function parse(text: string): Level {
    return text === "high" ? Level.High : Level.Low;
  }
  export const all = () => [Level.Low, Level.High];
}

declare namespace Ambient {
  const hidden: number;
}

export function reader() {
  return () => [Validator.add, Registry.nextId(), Level.parse("low"), typeof Ambient];
}
