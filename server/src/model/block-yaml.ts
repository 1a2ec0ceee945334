// A fast reader for the plain block YAML that models are written in (and that `moat import`
// writes): block mappings and lists, one-line scalars (plain, or quoted without line breaks),
// one-line flow collections and comments. It builds the same nodes, with the same ranges, as the
// `yaml` library's parseDocument, which reads about 2 MB a second; this reads about ten times as
// fast. Anything else (anchors, aliases, tags, block scalars, multi-line scalars, tabs, CRLF,
// several documents, comments that YAML would attach somewhere unusual, and every error) gives
// undefined, and the caller reads the text with the `yaml` library. test/model/block-yaml.test.ts
// holds the two equal, node for node and range for range, on every text this reader accepts.

import { Pair, parseDocument, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';

type Range = [number, number, number];

/**
 * The prototype of nodes of `Base` made without its constructor: `Base`'s, with the node type
 * (the property the library's constructors define on every node, and that isScalar, isMap, isSeq
 * and isPair read) held once, on a prototype between. The library's constructors cost a third of
 * this reader's time in that one property; nodes made on this prototype are instances of `Base`
 * with the same fields, the same type and the same methods.
 */
function nodePrototype(Base: { prototype: object }, sample: object): object {
  const type: PropertyDescriptorMap = {};
  for (const symbol of Object.getOwnPropertySymbols(sample)) type[symbol] = { value: (sample as Record<symbol, unknown>)[symbol] };
  return Object.create(Base.prototype, type) as object;
}

function madeOn<T, A extends unknown[]>(prototype: object, init: (this: T, ...args: A) => void): new (...args: A) => T {
  (init as unknown as { prototype: object }).prototype = prototype;
  return init as unknown as new (...args: A) => T;
}

const NewScalar = madeOn<Scalar, [unknown]>(nodePrototype(Scalar, new Scalar(null)), function (value) {
  this.value = value;
});
const NewMap = madeOn<YAMLMap, []>(nodePrototype(YAMLMap, new YAMLMap()), function () {
  this.items = [];
});
const NewSeq = madeOn<YAMLSeq, []>(nodePrototype(YAMLSeq, new YAMLSeq()), function () {
  this.items = [];
});
const NewPair = madeOn<Pair, [unknown, unknown]>(nodePrototype(Pair, new Pair(null)), function (key, value) {
  this.key = key;
  this.value = value;
});

/** The scalar tags of YAML 1.2's core schema, as the `yaml` library resolves plain scalars. */
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}
const CORE_TAGS = (new Schema({}).tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);

/** Given up on: the text needs the full YAML reader. */
class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

function giveUp(): never {
  throw UNSUPPORTED;
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** How models are parsed by the `yaml` library: YAML 1.2, merge keys, duplicate keys kept (the reader reports them). */
export const MODEL_YAML_OPTIONS = { merge: true, uniqueKeys: false, prettyErrors: false, strict: false, stringKeys: false } as const;

/**
 * The root node of a text for what needs only its nodes and ranges (outline, folding, the ids in
 * a file): by the block reader when it can, else by the `yaml` library (whose errors the reader
 * reports elsewhere).
 */
export function yamlTree(text: string): unknown {
  return parseBlockYaml(text) ?? parseDocument(text, MODEL_YAML_OPTIONS).contents;
}

/**
 * The root node of `text` (or of its part from `start` to `end`, with ranges in the whole text),
 * or undefined when the text is outside what this reader reads (the caller then parses it with
 * the `yaml` library) or holds no node at all.
 */
export function parseBlockYaml(text: string, start = 0, end = text.length): YamlNode | undefined {
  if (start >= end || text.charCodeAt(start) === 0xfeff) return undefined;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 /* \t */ || c === 13 /* \r */) return undefined;
  }
  try {
    return new BlockReader(text, start, end).read();
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    // The reader recurses once per level; a deep text is the `yaml` library's to refuse.
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

const enum LineKind { Blank, Comment, Content }

class BlockReader {
  /** Per line: where it starts, its first non-space column (absolute offset), where it ends (its `\n` or the text's end). */
  private readonly starts: number[] = [];
  private readonly firsts: number[] = [];
  private readonly ends: number[] = [];
  private readonly kinds: LineKind[] = [];
  private readonly count: number;

  /** The end of the part read: the text's end for this reader. */
  private readonly length: number;

  constructor(private readonly text: string, from: number, to: number) {
    this.length = to;
    for (let start = from; start <= to;) {
      let end = text.indexOf('\n', start);
      if (end < 0 || end > to) end = to;
      let first = start;
      while (first < end && text.charCodeAt(first) === SPACE) first++;
      if (first === start && end - start >= 3) {
        const head = text.slice(start, start + 3);
        if ((head === '---' || head === '...') && (end - start === 3 || text.charCodeAt(start + 3) === SPACE)) giveUp();
      }
      this.starts.push(start);
      this.firsts.push(first);
      this.ends.push(end);
      this.kinds.push(first === end ? LineKind.Blank : text.charCodeAt(first) === HASH ? LineKind.Comment : LineKind.Content);
      if (end === to) break;
      start = end + 1;
    }
    this.count = this.starts.length;
  }

  read(): YamlNode | undefined {
    const first = this.nextContent(0);
    if (first === this.count) return undefined;
    this.checkGap(0, first);
    this.settleGap();
    const indent = this.indent(first);
    const root = this.blockAt(first, this.firsts[first]);
    if (root.next !== this.count) giveUp();
    // Comments after everything, left of the root: YAML gives them to no node; at the left
    // margin, to the document.
    if (this.pending && this.pending.column >= indent) giveUp();
    const range = root.node.range as Range;
    if (indent === 0) range[2] = range[1];
    return root.node;
  }

  private indent(line: number): number {
    return this.firsts[line] - this.starts[line];
  }

  private nextContent(line: number): number {
    while (line < this.count && this.kinds[line] !== LineKind.Content) line++;
    return line;
  }

  /** Whether the lines above `line`, up to the previous content, hold a comment. */
  private commentAbove(line: number): boolean {
    for (let l = line - 1; l >= 0 && this.kinds[l] !== LineKind.Content; l--) if (this.kinds[l] === LineKind.Comment) return true;
    return false;
  }

  /** After the end of a line: the start of the next one, or the text's end. */
  private after(line: number): number {
    return Math.min(this.ends[line] + 1, this.length);
  }

  /**
   * The trailing comments of the current gap between two lines of content: the column of the
   * collection they end, and where its node then ends (the next content). Null when none.
   */
  private pending: { column: number; end: number } | null = null;

  /**
   * The comments between two lines of content (`from` up to `to`). YAML gives comments lined up
   * with the next content to that content, which changes no range. When the first comment is
   * further right, it ends the collection of its column that closes before the next content
   * (closeTrailing), and so do all the lines after it, up to the next content. Other layouts are
   * left to the full reader.
   */
  private checkGap(from: number, to: number): void {
    const next = to < this.count ? this.indent(to) : -1;
    this.pending = null;
    let first = -1;
    for (let l = from; l < to; l++) {
      if (this.kinds[l] !== LineKind.Comment) continue;
      const c = this.indent(l);
      if (first < 0) {
        first = c;
        if (c < next) giveUp();
        if (c !== next) this.pending = { column: c, end: to < this.count ? this.firsts[to] : this.length };
      } else if (first === next ? c !== next : c < next || (next < 0 && c < first)) giveUp();
    }
  }

  /** Content goes on after a gap: its trailing comments must have found their collection. */
  private settleGap(): void {
    if (this.pending) giveUp();
  }

  /** A collection at `column` closes before the next content: its node's end, after its trailing comments. */
  private closeTrailing(column: number, end: number): number {
    if (this.pending?.column !== column) return end;
    end = this.pending.end;
    this.pending = null;
    return end;
  }

  /**
   * The block node whose first line is `line`, starting at `at` (its column in that line may be
   * past the indentation, for a mapping opened on a list item's line). Returns the node and the first line of content after it.
   */
  private blockAt(line: number, at: number): { node: YamlNode; next: number } {
    const c = this.text.charCodeAt(at);
    if (c === DASH && this.isIndicatorEnd(at + 1, line)) return this.sequence(line, at);
    if (this.keyEnd(at, line) >= 0) return this.mapping(line, at);
    giveUp();
  }

  /** Whether the character at `i` ends an indicator (`-`, `:`): a space or the end of the line. */
  private isIndicatorEnd(i: number, line: number): boolean {
    return i >= this.ends[line] || this.text.charCodeAt(i) === SPACE;
  }

  /**
   * Where a plain key starting at `at` ends (its `:`), or -1 when the line holds no key there.
   * The key is everything before the first `:` followed by a space or the line's end.
   */
  private keyEnd(at: number, line: number): number {
    const end = this.ends[line];
    const q = this.text.charCodeAt(at);
    if (q === DQUOTE || q === SQUOTE) {
      let i = quoteEnd(this.text, at, end);
      if (i < 0) return -1;
      while (i < end && this.text.charCodeAt(i) === SPACE) i++;
      return this.text.charCodeAt(i) === COLON && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE) ? i : -1;
    }
    if (!this.startsPlain(at, end)) return -1;
    for (let i = at + 1; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === COLON && (i + 1 === end || this.text.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && this.text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** Whether a plain scalar may start at `at` in block context. */
  private startsPlain(at: number, end: number): boolean {
    const c = this.text.charCodeAt(at);
    switch (c) {
      case COMMA: case LBRACKET: case RBRACKET: case LBRACE: case RBRACE: case HASH: case 38 /* & */: case 42 /* * */:
      case 33 /* ! */: case 124 /* | */: case 62 /* > */: case SQUOTE: case DQUOTE: case 37 /* % */: case 64 /* @ */: case 96 /* ` */:
        return false;
      case DASH: case 63 /* ? */: case COLON:
        return at + 1 < end && this.text.charCodeAt(at + 1) !== SPACE;
      default:
        return true;
    }
  }

  private mapping(line: number, at: number): { node: YamlNode; next: number } {
    const map = new NewMap();
    const start = at;
    const column = at - this.starts[line];
    let lastEnd = at;
    for (;;) {
      const colon = this.keyEnd(at, line);
      if (colon < 0) giveUp();
      let keyEnd = colon;
      while (this.text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      let key: Scalar;
      const q = this.text.charCodeAt(at);
      if (q === DQUOTE || q === SQUOTE) key = quoted(this.text, at, keyEnd).node;
      else {
        const keySource = this.text.slice(at, keyEnd);
        if (keySource === '<<') giveUp();
        key = plain(keySource, [at, keyEnd, keyEnd]);
      }
      const { node: value, next } = this.valueAfter(colon + 1, line, column, true);
      map.items.push(new NewPair(key, value));
      lastEnd = (value as { range: Range }).range[2];
      if (next === this.count || this.indent(next) < column) {
        map.range = [start, lastEnd, this.closeTrailing(column, lastEnd)];
        return { node: map, next };
      }
      if (this.indent(next) > column) giveUp();
      this.settleGap();
      line = next;
      at = this.firsts[line];
    }
  }

  private sequence(line: number, at: number): { node: YamlNode; next: number } {
    const seq = new NewSeq();
    const start = at;
    const column = at - this.starts[line];
    let lastEnd = at;
    for (;;) {
      const { node: item, next } = this.valueAfter(at + 1, line, column, false);
      seq.items.push(item);
      lastEnd = (item as { range: Range }).range[2];
      const more = next < this.count && this.indent(next) === column && this.text.charCodeAt(this.firsts[next]) === DASH &&
        this.isIndicatorEnd(this.firsts[next] + 1, next);
      if (!more) {
        if (next < this.count && this.indent(next) > column) giveUp();
        seq.range = [start, lastEnd, this.closeTrailing(column, lastEnd)];
        return { node: seq, next };
      }
      this.settleGap();
      line = next;
      at = this.firsts[line];
    }
  }

  /**
   * The value after an indicator (`:` of a key, `-` of a list item) that ends at `from` on
   * `line`, in a collection at `column`: on the same line, or in the block below. Returns it and
   * the first line of content after it.
   */
  private valueAfter(from: number, line: number, column: number, inMapping: boolean): { node: YamlNode; next: number } {
    const end = this.ends[line];
    let i = from;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i === end || this.text.charCodeAt(i) === HASH) {
      // Nothing more on the line: the value is the block below, or empty.
      const next = this.nextContent(line + 1);
      if (next < this.count) {
        const indent = this.indent(next);
        const nested = indent > column ||
          (inMapping && indent === column && this.text.charCodeAt(this.firsts[next]) === DASH && this.isIndicatorEnd(this.firsts[next] + 1, next));
        if (nested) {
          this.checkGap(line + 1, next);
          this.settleGap();
          return this.blockAt(next, this.firsts[next]);
        }
      }
      // An empty value followed by comments, or with a comment and then blank lines: where YAML
      // ends it depends on what follows; the full reader decides.
      for (let l = line + 1; l < next; l++) if (this.kinds[l] === LineKind.Comment || i < end) giveUp();
      this.pending = null;
      // An empty list item after a comment: YAML ends it after its line; left to the full reader.
      if (!inMapping && i === end && this.commentAbove(line)) giveUp();
      const empty = new NewScalar(null);
      empty.type = Scalar.PLAIN;
      // With a comment, the node runs from it to the next content (YAML's choice).
      empty.range = i === end ? [end, end, end] : [i, i, next < this.count ? this.firsts[next] : this.length];
      return { node: empty, next };
    }
    // `- key: value`: a mapping opened on the item's line, its keys lined up below. (`- - x`
    // is no key: inlineValue leaves it to the full reader.)
    if (!inMapping && this.keyEnd(i, line) >= 0) return this.mapping(line, i);
    const node = this.inlineValue(i, line);
    const next = this.nextContent(line + 1);
    this.checkGap(line + 1, next);
    // A line below that is more indented continues a multi-line scalar, or is an error.
    if (next < this.count && this.indent(next) > column) giveUp();
    return { node, next };
  }

  /** A value that starts at `i` and ends on its line, with its trailing comment. */
  private inlineValue(i: number, line: number): YamlNode {
    const end = this.ends[line];
    const c = this.text.charCodeAt(i);
    let node: YamlNode;
    let valueEnd: number;
    if (c === LBRACKET || c === LBRACE) {
      const flow = new FlowReader(this.text, i, end);
      node = flow.collection();
      valueEnd = flow.at;
    } else if (c === DQUOTE || c === SQUOTE) {
      const q = quoted(this.text, i, end);
      node = q.node;
      valueEnd = q.end;
    } else {
      if (!this.startsPlain(i, end) || (c === DASH && this.isIndicatorEnd(i + 1, line))) giveUp();
      let stop = end;
      for (let j = i + 1; j < end; j++) {
        const d = this.text.charCodeAt(j);
        if (d === HASH && this.text.charCodeAt(j - 1) === SPACE) {
          stop = j;
          break;
        }
        // `a: b: c` is an error; `a: b:` too.
        if (d === COLON && (j + 1 === end || this.text.charCodeAt(j + 1) === SPACE)) giveUp();
      }
      valueEnd = stop;
      while (this.text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      const scalar = plain(this.text.slice(i, valueEnd), [i, valueEnd, 0]);
      node = scalar;
    }
    // After the value: spaces and a comment at most.
    let j = valueEnd;
    while (j < end && this.text.charCodeAt(j) === SPACE) j++;
    if (j < end && !(this.text.charCodeAt(j) === HASH && j > valueEnd)) giveUp();
    (node.range as Range)[2] = this.after(line);
    return node;
  }
}

/** The first characters of the plain scalars YAML's core schema reads as other than text. */
const NOT_TEXT_START = /^[~nNtTfF0-9+\-.]/;

/** A plain scalar with the value YAML's core schema gives its source. */
function plain(source: string, range: Range): Scalar {
  let value: unknown = source;
  if (NOT_TEXT_START.test(source)) for (const tag of CORE_TAGS) {
    if (tag.test!.test(source)) {
      value = tag.resolve(source, giveUp, {});
      break;
    }
  }
  const scalar = value instanceof Scalar ? value : new NewScalar(value);
  scalar.range = range;
  scalar.source = source;
  scalar.type = Scalar.PLAIN;
  return scalar;
}

/** Where a quoted scalar starting at `i` ends (after its closing quote), or -1 when not on this line. */
function quoteEnd(text: string, i: number, end: number): number {
  const q = text.charCodeAt(i);
  for (let j = i + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (q === DQUOTE && c === 92 /* \ */) j++;
    else if (c === q) {
      if (q === SQUOTE && text.charCodeAt(j + 1) === SQUOTE) j++;
      else return j + 1;
    }
  }
  return -1;
}

/** A quoted scalar on one line starting at `i`; its range's end is after the closing quote. */
function quoted(text: string, i: number, end: number): { node: Scalar; end: number } {
  const q = text.charCodeAt(i);
  let value: string;
  let j = i + 1;
  if (q === SQUOTE) {
    let out = '';
    for (;;) {
      const k = text.indexOf("'", j);
      if (k < 0 || k >= end) giveUp();
      out += text.slice(j, k);
      if (text.charCodeAt(k + 1) === SQUOTE) {
        out += "'";
        j = k + 2;
        continue;
      }
      j = k + 1;
      break;
    }
    value = out;
  } else {
    let escaped = false;
    for (;; j++) {
      if (j >= end) giveUp();
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) {
        escaped = true;
        j++;
        continue;
      }
      if (c === DQUOTE) break;
    }
    const body = text.slice(i + 1, j);
    j++;
    if (escaped) {
      // JSON's escapes mean the same in YAML; YAML's others go to the full reader.
      try {
        value = JSON.parse(`"${body}"`) as string;
      } catch {
        giveUp();
      }
    } else value = body;
  }
  const scalar = new NewScalar(value);
  scalar.range = [i, j, j];
  scalar.source = value;
  scalar.type = q === SQUOTE ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
  return { node: scalar, end: j };
}

/** One-line flow collections (`[a, b]`, `{ k: v }`), nested at most a few levels. */
class FlowReader {
  at: number;
  private depth = 0;

  constructor(private readonly text: string, start: number, private readonly end: number) {
    this.at = start;
  }

  collection(): YAMLMap | YAMLSeq {
    if (++this.depth > 4) giveUp();
    const open = this.at;
    const isMap = this.text.charCodeAt(open) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const node = isMap ? new NewMap() : new NewSeq();
    node.flow = true;
    this.at++;
    for (;;) {
      this.spaces();
      if (this.at >= this.end) giveUp();
      if (this.text.charCodeAt(this.at) === close) break;
      if (isMap) {
        const key = this.item(true);
        if (this.text.charCodeAt(this.at) !== COLON) giveUp();
        this.at++;
        if (this.at < this.end && this.text.charCodeAt(this.at) !== SPACE) giveUp();
        this.spaces();
        const c = this.text.charCodeAt(this.at);
        if (c === COMMA || c === close) giveUp();
        (node as YAMLMap).items.push(new NewPair(key, this.item(false)));
      } else (node as YAMLSeq).items.push(this.item(false));
      const c = this.text.charCodeAt(this.at);
      if (c === COMMA) {
        this.at++;
        continue;
      }
      if (c !== close) giveUp();
      break;
    }
    this.at++;
    node.range = [open, this.at, this.at];
    this.depth--;
    return node;
  }

  private spaces(): void {
    while (this.at < this.end && this.text.charCodeAt(this.at) === SPACE) this.at++;
  }

  /** An item or key, with the spaces after it in its range's end; leaves `at` on what follows. */
  private item(key: boolean): YamlNode {
    const start = this.at;
    const c = this.text.charCodeAt(start);
    let node: YamlNode;
    if (c === LBRACKET || c === LBRACE) {
      if (key) giveUp();
      node = this.collection();
    } else if (c === DQUOTE || c === SQUOTE) {
      const q = quoted(this.text, start, this.end);
      node = q.node;
      this.at = q.end;
    } else {
      switch (c) {
        case COMMA: case RBRACKET: case RBRACE: case HASH: case 38: case 42: case 33: case 124: case 62: case 37: case 64: case 96: case COLON: case DASH: case 63:
          giveUp();
      }
      let j = start;
      for (; j < this.end; j++) {
        const d = this.text.charCodeAt(j);
        if (d === COMMA || d === RBRACKET || d === RBRACE || d === LBRACKET || d === LBRACE) break;
        if (d === COLON) {
          const e = this.text.charCodeAt(j + 1);
          if (key && (j + 1 === this.end || e === SPACE)) break;
          giveUp();
        }
        if (d === HASH && this.text.charCodeAt(j - 1) === SPACE) giveUp();
      }
      if (j >= this.end) giveUp();
      let valueEnd = j;
      while (this.text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      if (key && this.text.charCodeAt(j) === COLON && valueEnd !== j) giveUp();
      this.at = valueEnd;
      node = plain(this.text.slice(start, valueEnd), [start, valueEnd, valueEnd]);
    }
    const valueEnd = this.at;
    this.spaces();
    (node.range as Range)[2] = key ? valueEnd : this.at;
    return node;
  }
}
