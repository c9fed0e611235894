/**
 * The few fields of a multipart/form-data body (the dashboard's upload form):
 * text fields as strings, the file as its bytes decoded as UTF-8. Enough for
 * one small form; not a general parser.
 */
export function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields = new Map<string, string>();
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return fields;
  const delimiter = Buffer.from(`--${mark}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart + 2, next - 2); // after CRLF, before CRLF
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined && !fields.has(name)) fields.set(name, part.subarray(headerEnd + 4).toString('utf8'));
    }
    start = next;
  }
  return fields;
}
