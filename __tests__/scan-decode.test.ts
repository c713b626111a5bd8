import fc from "fast-check";

/** scan's UTF-8 check: it rejects exactly what a strict UTF-8 decoder rejects, and points at the first bad byte. */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { decodeSource } = require("../dist/cli/scan");

const strict = new TextDecoder("utf-8", { fatal: true });
const decodes = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** The first offset where no character (1 to 4 bytes, as the strict decoder judges it) starts: the reference answer, by brute force. */
function firstBadOffset(buffer: Buffer): number {
  let i = 0;
  for (;;) {
    let k = 1;
    while (k <= 4 && !(i + k <= buffer.length && decodes(buffer.subarray(i, i + k)))) k++;
    if (k > 4) return i;
    i += k;
  }
}

/** Bytes without NUL and without a leading byte order mark, biased towards multi-byte sequences and their edges. */
const bytes = fc
  .array(fc.oneof(fc.integer({ min: 1, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0x9f, 0xa0, 0xbf)), { maxLength: 24 })
  .filter((a) => !(a[0] === 0xef && a[1] === 0xbb && a[2] === 0xbf) && !(a[0] === 0xff && a[1] === 0xfe) && !(a[0] === 0xfe && a[1] === 0xff));

test("decodeSource accepts exactly valid UTF-8, and the bytes before the reported position are valid", () => {
  fc.assert(
    fc.property(bytes, (array) => {
      const buffer = Buffer.from(array);
      let error: (Error & { at?: { line: number; column: number } }) | undefined;
      let text: string | undefined;
      try {
        text = decodeSource(buffer);
      } catch (err) {
        error = err as Error;
      }
      if (decodes(buffer)) {
        expect(text).toBe(strict.decode(buffer));
        return;
      }
      expect(error?.message).toMatch(/^not valid UTF-8: byte 0x[0-9a-f]{2} at offset (\d+);/);
      const offset = Number(/at offset (\d+)/.exec(error!.message)![1]);
      expect(offset).toBe(firstBadOffset(buffer));
    }),
    { numRuns: 3000 },
  );
});

test("a UTF-8 byte order mark is dropped; UTF-16 is named, by its mark or by NUL bytes", () => {
  expect(decodeSource(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
  expect(() => decodeSource(Buffer.from([0xff, 0xfe, 0x61, 0]))).toThrow("UTF-16 (little-endian byte order mark)");
  expect(() => decodeSource(Buffer.from([0xfe, 0xff, 0, 0x61]))).toThrow("UTF-16 (big-endian byte order mark)");
  expect(() => decodeSource(Buffer.from("a\nb", "utf16le"))).toThrow("contains NUL bytes");
});

test("the position of a bad byte counts UTF-16 units on its line, as editors do", () => {
  let error: any;
  try {
    decodeSource(Buffer.concat([Buffer.from("x\n€€ = "), Buffer.from([0xe9])]));
  } catch (err) {
    error = err;
  }
  expect(error.at).toEqual({ line: 2, column: 5 });
});
