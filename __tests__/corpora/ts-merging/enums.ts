export enum Flags {
  None = 0,
  A = 1 << 0,
  B = 1 << 1,
  AB = A | B,
}

export enum Flags {
  C = 1 << 2,
  ABC = AB | C,
}

const enum Direction {
  Up = "UP",
  Down = "DOWN",
}

enum Computed {
  First = Math.floor(2.5),
  Second = First * 2,
  Third = Second + Flags.ABC,
}

let base = 10;
export enum Dynamic {
  Start = base,
  Next = Start + base,
}

export function hasFlag(value: Flags, flag: Flags): boolean {
  return (value & flag) === flag;
}

export function describe(direction: Direction) {
  const labels = () => [Direction.Up, Direction.Down, Computed.Third, Dynamic.Next];
  return labels().includes(direction) ? direction : Flags.None;
}

export function shadowing() {
  const A = 5;
  enum Local {
    A = 1,
    B = A + 1,
  }
  return () => [Local.B, A];
}

export function setBase(next: number) {
  base = next;
}
