/**
 * The package checker must fail on what it claims to catch, or every "valid package" test
 * downstream means nothing. Each case breaks a minimal valid package in one way.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { assertValidOoxmlPackage, parseXmlStrict, readZip, relsSource, resolveTarget } from './ooxml.js';

const CT =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="png" ContentType="image/png"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="doc/main.xml"/>' +
  '</Relationships>';
const MAIN =
  '<?xml version="1.0" encoding="UTF-8"?><main xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<pic r:embed="rId1"/><p>Привет</p></main>';
const MAIN_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/a.png"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/>' +
  '</Relationships>';

function pkg(overrides: Record<string, string | Uint8Array | null> = {}): Buffer {
  const parts: Record<string, string | Uint8Array | null> = {
    '[Content_Types].xml': CT,
    '_rels/.rels': ROOT_RELS,
    'doc/main.xml': MAIN,
    'doc/_rels/main.xml.rels': MAIN_RELS,
    'media/a.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    ...overrides,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (data !== null) files[name] = typeof data === 'string' ? strToU8(data) : data;
  }
  return Buffer.from(zipSync(files));
}

describe('assertValidOoxmlPackage', () => {
  test('accepts a minimal valid package', () => {
    expect(() => assertValidOoxmlPackage(pkg())).not.toThrow();
    expect(readZip(pkg()).get('doc/main.xml')).toContain('Привет');
  });

  test.each([
    ['a mismatched end tag', '<main><p>text</main>'],
    ['an unclosed root', '<main><p>text</p>'],
    ['an undeclared entity', '<main><p>a&nbsp;b</p></main>'],
    ['a bare ampersand', '<main><p>a & b</p></main>'],
    ['two roots', '<main/><main/>'],
    ['an unquoted attribute', '<main><p a=1>x</p></main>'],
    ['text after the root', '<main/>tail'],
  ])('fails on malformed XML: %s', (_what, xml) => {
    expect(() => assertValidOoxmlPackage(pkg({ 'doc/main.xml': xml }))).toThrow(/not well-formed: doc\/main\.xml/);
  });

  test('fails on a relationship whose target is missing', () => {
    expect(() => assertValidOoxmlPackage(pkg({ 'media/a.png': null }))).toThrow(/rId1 → media\/a\.png is not in the package/);
  });

  test('fails on a part without a content type', () => {
    expect(() => assertValidOoxmlPackage(pkg({ 'media/b.gif': new Uint8Array([1]) }))).toThrow(/no content type: media\/b\.gif/);
  });

  test('fails on a content-type override for a part that is not there', () => {
    const ct = CT.replace('</Types>', '<Override PartName="/doc/gone.xml" ContentType="application/xml"/></Types>');
    expect(() => assertValidOoxmlPackage(pkg({ '[Content_Types].xml': ct }))).toThrow(/override for a missing part/);
  });

  test('fails on an r:id with no relationship, and on duplicate ids', () => {
    expect(() => assertValidOoxmlPackage(pkg({ 'doc/main.xml': MAIN.replace('rId1', 'rId9') }))).toThrow(
      /r:id rId9 has no relationship/,
    );
    const dup = MAIN_RELS.replace('Id="rId2"', 'Id="rId1"');
    expect(() => assertValidOoxmlPackage(pkg({ 'doc/_rels/main.xml.rels': dup }))).toThrow(/duplicate relationship id rId1/);
  });

  test('reports every problem at once', () => {
    try {
      assertValidOoxmlPackage(pkg({ 'media/a.png': null, 'x.bin': new Uint8Array([1]) }));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/not in the package[\s\S]*no content type: x\.bin|no content type: x\.bin[\s\S]*not in the package/);
    }
  });
});

describe('package paths', () => {
  test('relationship sources and targets resolve like OPC says', () => {
    expect(relsSource('_rels/.rels')).toBe('');
    expect(relsSource('ppt/slides/_rels/slide1.xml.rels')).toBe('ppt/slides/slide1.xml');
    expect(resolveTarget('_rels/.rels', 'ppt/presentation.xml')).toBe('ppt/presentation.xml');
    expect(resolveTarget('ppt/slides/_rels/slide1.xml.rels', '../media/image1.png')).toBe('ppt/media/image1.png');
    expect(resolveTarget('ppt/slides/_rels/slide1.xml.rels', '/ppt/charts/chart1.xml')).toBe('ppt/charts/chart1.xml');
  });

  test('parseXmlStrict throws with the part name', () => {
    expect(() => parseXmlStrict('<a><b></a>', 'part.xml')).toThrow(/^part\.xml: /);
  });
});
