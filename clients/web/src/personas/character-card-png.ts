/**
 * Character Cards inside PNG files: the card JSON, base64-encoded, in a tEXt chunk. V2 cards use
 * the keyword `chara`; V3 cards add `ccv3` (and keep `chara` for older readers). Reading prefers
 * `ccv3`; writing puts both before IEND.
 */

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export class CardFileError extends Error {
  override name = 'CardFileError';
}

interface Chunk {
  type: string;
  data: Uint8Array;
}

function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((byte, index) => bytes[index] === byte);
}

function readChunks(bytes: Uint8Array): Chunk[] {
  if (!isPng(bytes)) throw new CardFileError('This file is not a PNG image.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: Chunk[] = [];
  let offset = SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > bytes.length) throw new CardFileError('This PNG image is truncated.');
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

function base64ToUtf8(base64: string): string {
  const binary = atob(base64.trim());
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function utf8ToBase64(text: string): string {
  return btoa(latin1(new TextEncoder().encode(text)));
}

/** The card JSON embedded in a PNG (ccv3 first, then chara), parsed; throws CardFileError. */
export function readCardFromPng(bytes: Uint8Array): unknown {
  const texts = new Map<string, string>();
  for (const chunk of readChunks(bytes)) {
    if (chunk.type !== 'tEXt') continue;
    const nul = chunk.data.indexOf(0);
    if (nul <= 0) continue;
    texts.set(latin1(chunk.data.subarray(0, nul)).toLowerCase(), latin1(chunk.data.subarray(nul + 1)));
  }
  const embedded = texts.get('ccv3') ?? texts.get('chara');
  if (embedded === undefined) throw new CardFileError('This PNG has no Character Card in it (no chara or ccv3 text chunk).');
  try {
    return JSON.parse(base64ToUtf8(embedded));
  } catch {
    throw new CardFileError('The Character Card in this PNG is not valid base64 JSON.');
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const typeAndData = out.subarray(4, 8 + data.length);
  typeAndData.set(Array.from(type, (char) => char.charCodeAt(0)));
  typeAndData.set(data, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

function textChunk(keyword: string, text: string): Uint8Array {
  return encodeChunk(
    'tEXt',
    Uint8Array.from(`${keyword}\0${text}`, (char) => char.charCodeAt(0)),
  );
}

/**
 * The PNG with the card embedded: `chara` and `ccv3` tEXt chunks (any old ones dropped) just
 * before IEND, each base64 of the card's JSON.
 */
export function writeCardToPng(png: Uint8Array, card: unknown): Uint8Array<ArrayBuffer> {
  const encoded = utf8ToBase64(JSON.stringify(card));
  const parts: Uint8Array[] = [Uint8Array.from(SIGNATURE)];
  for (const chunk of readChunks(png)) {
    if (chunk.type === 'tEXt') {
      const keyword = latin1(chunk.data.subarray(0, Math.max(0, chunk.data.indexOf(0)))).toLowerCase();
      if (keyword === 'chara' || keyword === 'ccv3') continue;
    }
    if (chunk.type === 'IEND') parts.push(textChunk('chara', encoded), textChunk('ccv3', encoded));
    parts.push(encodeChunk(chunk.type, chunk.data));
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
