/** How many times each body ran: a cache hit does not run it. */
export const runs = { price: 0, fib: 0, total: 0 };

const TAX = 1.2;

/**
 * Price of `qty` items of `sku`.
 * @memoize max=100
 */
export function price(sku: string, qty: number): number {
  runs.price++;
  return Math.round(sku.length * qty * TAX * 100) / 100;
}

/** @memoize */
export const fib = (n: number): number => {
  runs.fib++;
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
};

export class Cart {
  constructor(private readonly items: number[]) {}

  /** @memoize */
  get total(): number {
    runs.total++;
    return this.items.reduce((sum, item) => sum + item, 0);
  }
}
