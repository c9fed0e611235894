import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface Place {
  file: string;
  line: number;
  col: number;
}

export type YamlPath = readonly (string | number)[];

/** Finds where values and keys of a YAML file are, for problems found after the schema passed. */
export interface YamlLocator {
  /** The start of the value at `path`, or of its nearest existing parent. */
  at(path: YamlPath): Place;
  /** The start of `key` inside the map at `path` (the key itself, not its value). */
  key(path: YamlPath, key: string): Place;
}

/** Parses `source` once more, keeping only positions. Meant for text that parseYaml has accepted. */
export function yamlLocator(source: string, file: string): YamlLocator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (offset: number): Place => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  return {
    at: (path) => place(nodeOffset(doc, path)),
    key: (path, key) => {
      const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
      if (isMap(parent)) {
        for (const item of parent.items) {
          if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return place(item.key.range[0]);
        }
      }
      return place(nodeOffset(doc, path));
    },
  };
}

function nodeOffset(doc: Document, path: YamlPath): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return range[0];
  }
  return 0;
}
