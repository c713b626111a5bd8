export namespace Geometry {
  export const origin = { x: 0, y: 0 };
  export function distance(a: Point, b: Point): number {
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
  export interface Point {
    x: number;
    y: number;
  }
  let created = 0;
  export function make(x: number, y: number): Point {
    created++;
    return { x, y };
  }
  export function count() {
    return created;
  }
}

export namespace Geometry {
  export function fromOrigin(p: Point): number {
    return distance(origin, p);
  }
  export const unit = make(1, 1);
  export namespace Shapes {
    export function area(r: number) {
      return Math.PI * r * r;
    }
  }
  export enum Kind {
    Circle,
    Square,
  }
  export function areaOf(kind: Kind, size: number) {
    return kind === Kind.Circle ? Shapes.area(size) : size * size;
  }
}

export namespace Geometry {
  export function describe(p: Point) {
    const distance = 0;
    return () => [fromOrigin(p), distance, unit, count()];
  }
}

namespace Outer.Inner {
  export const value = 1;
  export function read() {
    return value;
  }
}

export function useAll() {
  return [Geometry.fromOrigin(Geometry.origin), Outer.Inner.read(), Geometry.Kind.Square];
}
