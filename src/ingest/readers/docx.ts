/** Word .docx report → HTML (mammoth), read by the HTML parser: its tables keep their rows and merged cells. */
import { IngestError } from '../tables.js';

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
/** The compound-file header of old binary Word (.doc), often renamed .docx by hand. */
const isOldWord = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  if (isOldWord(bytes)) throw new IngestError('an old binary Word .doc, not a .docx; save it as .docx or PDF first');
  if (!isZip(bytes)) throw new IngestError('not a Word .docx file (not a zip archive)');
  // loaded on the first Word file: most batches have none, and loading it cost each ingest worker ≈0.2 s
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, {
      // images carry no report values: leave them out rather than inlining them as base64
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      externalFileAccess: false,
    });
    html = result.value;
  } catch (e) {
    throw new IngestError(`not a readable Word .docx (${(e as Error)?.message ?? String(e)})`);
  }
  return `<html><body>\n${html}\n</body></html>`;
}
