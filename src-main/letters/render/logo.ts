import zlib from 'node:zlib';

/** Larger than any sensible letterhead logo; Settings refuses more than 500 KB anyway. */
const MAX_BYTES = 4 * 1024 * 1024;
const MAX_PIXELS = 20_000_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type DecodedLogo = { ok: true; bytes: Buffer; kind: 'png' | 'jpeg' } | { ok: false; problem: string };

/**
 * The logo's bytes, or why they cannot be printed. A logo is checked all the way through, not
 * only its first bytes, because pdfkit reads a PNG with transparency lazily, in a zlib callback:
 * a corrupt image data stream there throws outside any try/catch and would take the whole
 * process down mid-batch. Everything that callback can trip on is checked here first.
 */
export function decodeLogo(base64: string): DecodedLogo {
  const text = base64.replace(/^data:image\/[a-z]+;base64,/i, '').replace(/\s+/g, '');
  if (text === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return { ok: false, problem: 'the logo is not base64 text' };
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > MAX_BYTES) return { ok: false, problem: 'the logo is larger than 4 MB' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const problem = pngProblem(bytes);
    return problem ? { ok: false, problem } : { ok: true, bytes, kind: 'png' };
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const problem = jpegProblem(bytes);
    return problem ? { ok: false, problem } : { ok: true, bytes, kind: 'jpeg' };
  }
  return { ok: false, problem: 'the logo is neither a PNG nor a JPEG image' };
}

/** Null when the logo would print, else the reason, for Settings to show when a logo is saved. */
export function logoProblem(base64: string): string | null {
  const d = decodeLogo(base64);
  return d.ok ? null : d.problem;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7 passes: first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

function pngProblem(b: Buffer): string | null {
  let pos = 8;
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | null = null;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  while (pos + 12 <= b.length && !ended) {
    const length = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > b.length) return 'the PNG logo is cut short';
    const data = b.subarray(pos + 8, pos + 8 + length);
    if (zlib.crc32(b.subarray(pos + 4, pos + 8 + length)) !== b.readUInt32BE(pos + 8 + length)) return `the PNG logo is damaged (bad ${type} checksum)`;
    if (!header && type !== 'IHDR') return 'the PNG logo has no header';
    if (type === 'IHDR') {
      if (length !== 13) return 'the PNG logo has a bad header';
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colorType: data[9], interlace: data[12] };
      if (!DEPTHS[header.colorType]?.includes(header.depth) || data[10] !== 0 || data[11] !== 0 || header.interlace > 1) return 'the PNG logo uses a format PDF cannot hold';
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    pos += 12 + length;
  }
  if (!header || !ended) return 'the PNG logo is cut short';
  const { width, height, depth, colorType, interlace } = header;
  if (width === 0 || height === 0 || width * height > MAX_PIXELS) return 'the PNG logo is empty or too many pixels';
  if (colorType === 3 && !palette) return 'the PNG logo has no palette';
  let pixels: Buffer;
  try {
    pixels = zlib.inflateSync(Buffer.concat(idat));
  } catch {
    return 'the PNG logo’s image data is damaged';
  }
  // Every scanline starts with a filter type 0–4, and the data must cover every pass.
  const bitsPerPixel = depth * CHANNELS[colorType];
  let at = 0;
  for (const [x0, y0, dx, dy] of interlace ? ADAM7 : [[0, 0, 1, 1]]) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    const rowBytes = Math.ceil((w * bitsPerPixel) / 8);
    for (let row = 0; row < h; row++) {
      if (at >= pixels.length || pixels[at] > 4) return 'the PNG logo’s image data is damaged';
      at += 1 + rowBytes;
    }
  }
  return at <= pixels.length ? null : 'the PNG logo’s image data is cut short';
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG is embedded as it is (the viewer decodes it): it needs a frame header with a size and 1, 3 or 4 colour channels. */
function jpegProblem(b: Buffer): string | null {
  let pos = 2;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return 'the JPEG logo is damaged';
    const marker = b[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = b.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > b.length) return 'the JPEG logo is cut short';
    if (SOF.has(marker)) {
      if (length < 8) return 'the JPEG logo is damaged';
      const height = b.readUInt16BE(pos + 5);
      const width = b.readUInt16BE(pos + 7);
      const channels = b[pos + 9];
      if (b[pos + 4] !== 8) return 'the JPEG logo uses a bit depth PDF cannot hold';
      if (width === 0 || height === 0) return 'the JPEG logo has no size';
      if (![1, 3, 4].includes(channels)) return 'the JPEG logo uses a colour format PDF cannot hold';
      return null;
    }
    if (marker === 0xda || marker === 0xd9) break;
    pos += 2 + length;
  }
  return 'the JPEG logo has no image header';
}
