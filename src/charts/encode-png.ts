import { promisify } from "node:util";
import { crc32, deflate } from "node:zlib";

/**
 * RGBA pixels as PNG file bytes, compressed on libuv's pool. resvg's own `asPng()` compresses on the calling thread,
 * some 50 ms for an 800 × 600 chart at 2×; here the thread only copies rows (a few ms) while zlib works elsewhere.
 * The pixels must be opaque: resvg's are premultiplied, which equals straight alpha only where alpha is 255, and
 * every chart is drawn on a white background.
 */

const deflateAsync = promisify(deflate);

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

export async function encodePng(pixels: Buffer, width: number, height: number): Promise<Buffer> {
  const stride = width * 4;
  // Each row behind a filter byte of 0 (none): flat colours compress well without one.
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  // 8 bits a channel, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", await deflateAsync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
