import iconv from "iconv-lite";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * CSV bytes → text. Excel on Chinese Windows saves "CSV" in GB18030 (code page 936)
 * with no marker, so anything that is not valid UTF-8 is taken to be GB18030: GBK text
 * of any length is almost never valid UTF-8 by accident.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return utf8.decode(bytes.subarray(3));
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  }
}
