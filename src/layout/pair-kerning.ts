/**
 * Pair kerning read from the font's GPOS table, as fontkit's shaper would apply it to two glyphs,
 * without running the shaper.
 *
 * measure.ts builds every word from advances and pair kerning, shaping each new pair of characters
 * with `font.layout` once per process: ~1,000 pairs per face in the seed build, 20–60 µs each in
 * code that is still cold, as much time as shaping the words themselves. For a font whose default
 * lookups are simple enough, the same numbers come straight from the tables fontkit has decoded:
 *
 * - the lookups are those of the features fontkit's default shaper applies to horizontal text
 *   (rvrn, ltra, ltrm, ccmp, locl, rlig, mark, mkmk, calt, clig, liga, rclt, curs, kern), and the
 *   same for every script the font lists (so whichever script fontkit picks, it applies these);
 * - every GPOS lookup among them is pair adjustment (type 2), applied as fontkit's GPOSProcessor
 *   does: in each lookup the first subtable that applies, its first value on the first glyph;
 * - a GSUB lookup among them can act only at a glyph its (first) coverage holds: such glyphs are
 *   "triggers", and a pair with one is left to the shaper, as is any pair whose second value or
 *   placement is not zero;
 * - the lookup list has a fallback script (DFLT, dflt or latn), no lookup serves two default
 *   features, and no pair lookup has a flag that makes fontkit skip glyphs;
 * - the font has no GDEF (no glyph classes for lookup flags to skip), no variations and no legacy
 *   kern table.
 *
 * Anything else gives `undefined` for the font, and measure.ts shapes its pairs as before. A test
 * compares this with `font.layout` on every pair of the Latin and Cyrillic letters, digits and
 * punctuation, in all four brand faces.
 */
import type { Font } from 'fontkit';

/** What fontkit's default shaper asks of GSUB and GPOS for left-to-right horizontal text. */
const DEFAULT_FEATURES = ['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
/** The fraction slash turns on frac, numr and dnom around it (fontkit's fractional features). */
const FRACTION_SLASH = 0x2044;

/* The shapes of fontkit's decoded tables this module reads (fontkit ships no types for them). */
interface Coverage {
  version: 1 | 2;
  glyphs?: ArrayLike<number>;
  rangeRecords?: ArrayLike<{ start: number; end: number; startCoverageIndex: number }>;
}
interface ClassDef {
  version: 1 | 2;
  startGlyph?: number;
  classValueArray?: ArrayLike<number>;
  classRangeRecord?: ArrayLike<{ start: number; end: number; class: number }>;
}
interface ValueRecord {
  xAdvance?: number;
  yAdvance?: number;
  xPlacement?: number;
  yPlacement?: number;
  xAdvDevice?: unknown;
  yAdvDevice?: unknown;
  xPlaDevice?: unknown;
  yPlaDevice?: unknown;
}
interface LazyArray<T> {
  length: number;
  get(index: number): T;
}
interface Subtable {
  version?: number;
  coverage?: Coverage;
  inputCoverage?: Coverage[];
  coverages?: Coverage[];
  pairSets?: LazyArray<ArrayLike<{ secondGlyph: number; value1?: ValueRecord; value2?: ValueRecord }>>;
  classDef1?: ClassDef;
  classDef2?: ClassDef;
  classRecords?: LazyArray<LazyArray<{ value1?: ValueRecord; value2?: ValueRecord }>>;
}
interface Lookup {
  lookupType: number;
  flags?: { markAttachmentType?: number; flags?: Record<string, boolean> };
  subTables: ArrayLike<Subtable>;
}
interface LayoutTable {
  scriptList: ArrayLike<{ tag: string; script: { defaultLangSys?: { featureIndexes: ArrayLike<number> } } }>;
  featureList: ArrayLike<{ tag: string; feature: { lookupListIndexes: ArrayLike<number> } }>;
  lookupList: LazyArray<Lookup>;
  featureVariations?: unknown;
}
interface FontTables {
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: unknown;
  fvar?: unknown;
  kern?: unknown;
}

export interface PairAdjustment {
  /** Added to the first glyph's advance (font units). */
  first: number;
  /** Added to the second glyph's advance. */
  second: number;
  /** True when nothing else moves: no placement, no vertical advance, no device table. */
  plain: boolean;
}

export interface PairKerning {
  /** Glyphs at which a default GSUB lookup may act: a pair with one goes to the shaper. */
  triggers: ReadonlySet<number>;
  /** The shaper's adjustment of the pair of glyphs `left`, `right` (neither a trigger). */
  adjust(left: number, right: number): PairAdjustment;
}

/*
 * Answers per coverage and class definition, per glyph: a pair looks its left glyph up in every
 * subtable's coverage (a scan of a few hundred glyphs) and both glyphs in the class definitions.
 */
const coverageMemo = new WeakMap<object, Map<number, number>>();
const classMemo = new WeakMap<object, Map<number, number>>();

function memoized<T extends object>(memo: WeakMap<object, Map<number, number>>, of: T, glyph: number, find: (of: T, glyph: number) => number): number {
  let answers = memo.get(of);
  if (!answers) memo.set(of, (answers = new Map()));
  let answer = answers.get(glyph);
  if (answer === undefined) answers.set(glyph, (answer = find(of, glyph)));
  return answer;
}

const coverageIndex = (coverage: Coverage, glyph: number): number => memoized(coverageMemo, coverage, glyph, findInCoverage);
const classOf = (classDef: ClassDef, glyph: number): number => memoized(classMemo, classDef, glyph, findClass);

function findInCoverage(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) return Array.prototype.indexOf.call(coverage.glyphs ?? [], glyph);
  const ranges = coverage.rangeRecords ?? [];
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.start <= glyph && glyph <= range.end) return range.startCoverageIndex + glyph - range.start;
  }
  return -1;
}

function coveredGlyphs(coverage: Coverage | undefined, into: Set<number>): boolean {
  if (!coverage) return false;
  if (coverage.version === 1) {
    for (const glyph of Array.from(coverage.glyphs ?? [])) into.add(glyph);
    return true;
  }
  for (const range of Array.from(coverage.rangeRecords ?? [])) for (let g = range.start; g <= range.end; g++) into.add(g);
  return true;
}

/** fontkit's getClassID: 0 for a glyph the class definition does not list. */
function findClass(classDef: ClassDef, glyph: number): number {
  if (classDef.version === 1) {
    const i = glyph - (classDef.startGlyph ?? 0);
    const values = classDef.classValueArray ?? [];
    if (i >= 0 && i < values.length) return values[i]!;
    return 0;
  }
  const ranges = classDef.classRangeRecord ?? [];
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i]!;
    if (range.start <= glyph && glyph <= range.end) return range.class;
  }
  return 0;
}

/** Scripts fontkit falls back to for text whose own script the table does not list. */
const FALLBACK_SCRIPTS = new Set(['DFLT', 'dflt', 'latn']);

/**
 * The lookup indexes the default features select in `table`, or undefined when this cannot say
 * what fontkit applies: scripts that select different lookups, no fallback script (fontkit would
 * then keep the features of whichever script it set up last), or a lookup two default features
 * share (fontkit applies it once per feature).
 */
function defaultLookups(table: LayoutTable): number[] | undefined {
  let chosen: string | undefined;
  let lookups: number[] = [];
  const scripts = Array.from(table.scriptList);
  if (scripts.length === 0) return [];
  if (!scripts.some(({ tag }) => FALLBACK_SCRIPTS.has(tag))) return undefined;
  for (const { script } of scripts) {
    // fontkit keeps the last feature of each tag in the language system's list.
    const byTag = new Map<string, ArrayLike<number>>();
    for (const index of Array.from(script.defaultLangSys?.featureIndexes ?? [])) {
      const record = table.featureList[index];
      if (record) byTag.set(record.tag, record.feature.lookupListIndexes);
    }
    const all = DEFAULT_FEATURES.flatMap((tag) => Array.from(byTag.get(tag) ?? []));
    const here = [...new Set(all)].sort((a, b) => a - b);
    if (here.length !== all.length) return undefined;
    const key = here.join(',');
    if (chosen !== undefined && key !== chosen) return undefined;
    chosen = key;
    lookups = here;
  }
  return lookups;
}

/** The first glyphs at which a substitution lookup can act, or false for a lookup this does not read. */
function substitutionTriggers(lookup: Lookup, into: Set<number>): boolean {
  for (const table of Array.from(lookup.subTables)) {
    switch (lookup.lookupType) {
      case 1:
      case 2:
      case 3:
      case 4:
      case 8:
        if (!coveredGlyphs(table.coverage, into)) return false;
        break;
      case 5:
      case 6:
        if (table.version === 3) {
          if (!coveredGlyphs(table.inputCoverage?.[0] ?? table.coverages?.[0], into)) return false;
        } else if (!coveredGlyphs(table.coverage, into)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

const plainValue = (v: ValueRecord | undefined): boolean => !v || (!v.yAdvance && !v.xPlacement && !v.yPlacement && !v.xAdvDevice && !v.yAdvDevice && !v.xPlaDevice && !v.yPlaDevice);

/** One PairPos lookup on `left`, `right`: the values of its first subtable that applies, if any. */
function applyPairLookup(lookup: Lookup, left: number, right: number, read: PairReader | undefined): PairAdjustment | undefined {
  for (const table of Array.from(lookup.subTables)) {
    if (!table.coverage) continue;
    const index = coverageIndex(table.coverage, left);
    if (index === -1) continue;
    const direct = read?.(table, index, left, right);
    if (direct !== undefined) {
      if (direct === null) continue;
      return direct;
    }
    if (table.version === 1) {
      const set = table.pairSets!.get(index);
      for (let i = 0; i < set.length; i++) if (set[i]!.secondGlyph === right) return decodedValues(set[i]!);
      continue;
    }
    if (table.version === 2) {
      const class1 = classOf(table.classDef1!, left);
      const class2 = classOf(table.classDef2!, right);
      return decodedValues(table.classRecords!.get(class1).get(class2));
    }
  }
  return undefined;
}

const decodedValues = (pair: { value1?: ValueRecord; value2?: ValueRecord }): PairAdjustment => ({
  first: pair.value1?.xAdvance ?? 0,
  second: pair.value2?.xAdvance ?? 0,
  plain: plainValue(pair.value1) && plainValue(pair.value2),
});

/**
 * A pair's values read straight from the font file: fontkit's decoded subtables fetch each record
 * through restructure, which works out a record's size anew for every one (~10 µs a pair, cold;
 * ~1,000 new pairs per face in the seed build). Returns null when the subtable has no entry for
 * the pair (format 1: fontkit tries the next subtable), undefined when it cannot read the subtable
 * (the decoded one is used then).
 */
type PairReader = (table: Subtable, coverageIndex: number, left: number, right: number) => PairAdjustment | null | undefined;

/** ValueRecord fields in the order the format's bits list them (OpenType GPOS). */
const VALUE_FIELDS = ['xPlacement', 'yPlacement', 'xAdvance', 'yAdvance', 'xPlaDevice', 'yPlaDevice', 'xAdvDevice', 'yAdvDevice'] as const;

/** Where a value record's fields sit: its size, the offset of xAdvance (-1: absent), the offsets of the rest. */
function valueLayout(format: Record<string, boolean> | undefined): { size: number; xAdvance: number; others: number[] } {
  let size = 0;
  let xAdvance = -1;
  const others: number[] = [];
  for (const field of VALUE_FIELDS) {
    if (!format?.[field]) continue;
    if (field === 'xAdvance') xAdvance = size;
    else others.push(size);
    size += 2;
  }
  return { size, xAdvance, others };
}

function pairReader(font: Font): PairReader | undefined {
  const buffer = (font as unknown as { stream?: { buffer?: Uint8Array } }).stream?.buffer;
  if (!(buffer instanceof Uint8Array)) return undefined;
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const u16 = (at: number) => view.getUint16(at);
  const layouts = new WeakMap<Subtable, { start: number; one: ReturnType<typeof valueLayout>; two: ReturnType<typeof valueLayout> } | null>();
  const layoutOf = (table: Subtable) => {
    let layout = layouts.get(table);
    if (layout === undefined) {
      // restructure records where it decoded a structure; the raw format word must agree with fontkit's.
      const start = (table as unknown as { _startOffset?: unknown })._startOffset;
      const formats = table as unknown as { valueFormat1?: Record<string, boolean>; valueFormat2?: Record<string, boolean> };
      layout = null;
      if (typeof start === 'number' && start >= 0 && start + 16 <= buffer.byteLength && u16(start) === table.version) {
        const one = valueLayout(formats.valueFormat1);
        const two = valueLayout(formats.valueFormat2);
        const bits = (format: Record<string, boolean> | undefined) => VALUE_FIELDS.reduce((word, field, bit) => word | (format?.[field] ? 1 << bit : 0), 0);
        if (u16(start + 4) === bits(formats.valueFormat1) && u16(start + 6) === bits(formats.valueFormat2)) layout = { start, one, two };
      }
      layouts.set(table, layout);
    }
    return layout;
  };
  const values = (at: number, one: ReturnType<typeof valueLayout>, two: ReturnType<typeof valueLayout>): PairAdjustment | undefined => {
    if (at + one.size + two.size > buffer.byteLength) return undefined;
    const plain = one.others.every((o) => view.getInt16(at + o) === 0) && two.others.every((o) => view.getInt16(at + one.size + o) === 0);
    return {
      first: one.xAdvance < 0 ? 0 : view.getInt16(at + one.xAdvance),
      second: two.xAdvance < 0 ? 0 : view.getInt16(at + one.size + two.xAdvance),
      plain,
    };
  };
  return (table, index, left, right) => {
    const layout = layoutOf(table);
    if (!layout) return undefined;
    const { start, one, two } = layout;
    if (table.version === 1) {
      const set = start + u16(start + 10 + 2 * index);
      if (set + 2 > buffer.byteLength) return undefined;
      const record = 2 + one.size + two.size;
      for (let i = 0, count = u16(set); i < count; i++) {
        const at = set + 2 + i * record;
        if (at + record > buffer.byteLength) return undefined;
        if (u16(at) === right) return values(at + 2, one, two) ?? undefined;
      }
      return null;
    }
    if (table.version === 2) {
      const class1 = classOf(table.classDef1!, left);
      const class2 = classOf(table.classDef2!, right);
      const class1Count = u16(start + 12);
      const class2Count = u16(start + 14);
      if (class1 >= class1Count || class2 >= class2Count) return undefined;
      return values(start + 16 + (class1 * class2Count + class2) * (one.size + two.size), one, two);
    }
    return undefined;
  };
}

const made = new WeakMap<Font, PairKerning | null>();

function make(font: Font): PairKerning | undefined {
  const tables = font as unknown as FontTables;
  // No glyph classes, no variations, and no legacy kern table fontkit might fall back to.
  if (tables.GDEF || tables.fvar || tables.kern) return undefined;
  const gpos = tables.GPOS;
  const gsub = tables.GSUB;
  if (!gpos || gpos.featureVariations || gsub?.featureVariations) return undefined;
  const triggers = new Set<number>();
  if (gsub) {
    const indexes = defaultLookups(gsub);
    if (!indexes) return undefined;
    for (const index of indexes) if (!substitutionTriggers(gsub.lookupList.get(index), triggers)) return undefined;
  }
  triggers.add(font.glyphForCodePoint(FRACTION_SLASH).id);
  const indexes = defaultLookups(gpos);
  if (!indexes) return undefined;
  const pairLookups = indexes.map((index) => gpos.lookupList.get(index));
  // Pair adjustment only, and with no flag that makes fontkit skip the glyphs of simple text
  // (IgnoreMarks skips none: no such glyph is a mark).
  const skips = (lookup: Lookup) => {
    const f = lookup.flags?.flags ?? {};
    return Boolean(lookup.flags?.markAttachmentType || f.ignoreBaseGlyphs || f.ignoreLigatures || f.useMarkFilteringSet);
  };
  if (pairLookups.some((lookup) => lookup.lookupType !== 2 || skips(lookup))) return undefined;
  const read = pairReader(font);
  return {
    triggers,
    adjust(left, right) {
      let first = 0;
      let second = 0;
      let plain = true;
      for (const lookup of pairLookups) {
        const pair = applyPairLookup(lookup, left, right, read);
        if (!pair) continue;
        first += pair.first;
        second += pair.second;
        plain &&= pair.plain;
      }
      return { first, second, plain };
    },
  };
}

/** The font's pair kerning from its tables, or undefined when the shaper must do it (see above). */
export function pairKerning(font: Font): PairKerning | undefined {
  let kerning = made.get(font);
  if (kerning === undefined) {
    kerning = make(font) ?? null;
    made.set(font, kerning);
  }
  return kerning ?? undefined;
}
