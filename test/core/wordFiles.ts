import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One file of a zip: its name, and its bytes as stored (deflated unless `stored`) with the size and CRC they unpack to. */
export interface ZipPart {
  name: string;
  data: Buffer;
  deflated?: { size: number; crc: number };
}

/** A part of a zip deflated whole. */
export function deflatedPart(name: string, content: string | Buffer): ZipPart {
  const bytes = Buffer.from(content);
  return { name, data: deflateRawSync(bytes), deflated: { size: bytes.length, crc: crc32(bytes) } };
}

/** The bytes of a zip file holding `parts`, as Word and other zip writers lay it out. */
export function zipFile(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const method = part.deflated ? 8 : 0;
    const size = part.deflated?.size ?? part.data.length;
    const crc = part.deflated?.crc ?? crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    directory.push(entry, name);
    offset += 30 + name.length + part.data.length;
  }
  const central = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts every Word document has besides its text: content types and the relationship to the main part. */
export const WORD_PACKAGE: readonly ZipPart[] = [
  deflatedPart(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ),
  deflatedPart(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  ),
];

/** `word/document.xml` with one paragraph per item of `paragraphs`. */
export function documentXml(paragraphs: readonly string[]): string {
  const body = paragraphs.map((text) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`;
}

/** A Word document of these paragraphs, and any further parts. */
export function wordDocument(paragraphs: readonly string[], more: readonly ZipPart[] = []): Buffer {
  return zipFile([...WORD_PACKAGE, deflatedPart('word/document.xml', documentXml(paragraphs)), ...more]);
}

/**
 * A Word document whose text part inflates to about `gigabytes` GB of spaces inside one paragraph from about
 * a thousandth of that in the file: a zip bomb. Built from one deflated 4 MB run repeated (each flushed to a
 * byte boundary, so the pieces chain into one stream), so making it never holds the inflated bytes.
 */
export function inflatingWordDocument(megabytesInflated: number): Buffer {
  const sync = { finishFlush: constants.Z_SYNC_FLUSH };
  const [head, tail] = documentXml(['\u0000']).split('\u0000') as [string, string];
  const run = deflateRawSync(Buffer.alloc(4 * 1024 * 1024, 0x20), sync);
  const pieces = [deflateRawSync(Buffer.from(head), sync)];
  const runs = Math.ceil(megabytesInflated / 4);
  for (let i = 0; i < runs; i += 1) pieces.push(run);
  pieces.push(deflateRawSync(Buffer.from(tail)));
  const size = head.length + runs * 4 * 1024 * 1024 + tail.length;
  // Readers do not check the CRC of a part (mammoth's zip library neither); a bomb's would be wrong anyway.
  const document: ZipPart = { name: 'word/document.xml', data: Buffer.concat(pieces), deflated: { size: size % 2 ** 32, crc: 0 } };
  return zipFile([...WORD_PACKAGE, document]);
}
