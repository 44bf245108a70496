import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CardFileError, readCardFromPng, writeCardToPng } from './character-card-png.ts';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real 1×1 RGBA PNG, with optional extra chunks before IEND. */
function png(...extra: Buffer[]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const pixels = deflateSync(Buffer.from([0, 255, 105, 180, 255]));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', header),
      chunk('IDAT', pixels),
      ...extra,
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const text = (keyword: string, value: string) => chunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1'));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

const V2 = { spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Vela', first_mes: 'Welcome aboard ✨' } };
const V3 = { spec: 'chara_card_v3', spec_version: '3.0', data: { name: 'Aiko 愛子', first_mes: 'Hi!' } };

describe('Character Cards in PNG files', () => {
  it('reads a V2 card from its chara chunk and prefers ccv3 when both are there', () => {
    expect(readCardFromPng(png(text('chara', b64(V2))))).toEqual(V2);
    expect(readCardFromPng(png(text('chara', b64(V2)), text('ccv3', b64(V3))))).toEqual(V3);
  });

  it('writes chara and ccv3 chunks with valid CRCs that read back, replacing old ones', () => {
    const written = writeCardToPng(png(text('chara', b64(V2))), V3);
    expect(readCardFromPng(written)).toEqual(V3);
    const buffer = Buffer.from(written);
    const types: string[] = [];
    for (let offset = 8; offset < buffer.length; ) {
      const length = buffer.readUInt32BE(offset);
      const body = buffer.subarray(offset + 4, offset + 8 + length);
      expect(buffer.readUInt32BE(offset + 8 + length)).toBe(crc32(body));
      types.push(body.subarray(0, 4).toString('latin1'));
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'tEXt', 'tEXt', 'IEND']);
  });

  it('says clearly what is wrong with a file that holds no card', () => {
    expect(() => readCardFromPng(new TextEncoder().encode('{"spec":"chara_card_v2"}'))).toThrow(CardFileError);
    expect(() => readCardFromPng(png())).toThrow(/no Character Card/);
    expect(() => readCardFromPng(png(text('chara', '%%%')))).toThrow(/not valid base64 JSON/);
  });
});
