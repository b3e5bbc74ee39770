import {
  compileEventPattern,
  InvalidEventPatternError,
} from '../../../../infra/local/event-pattern/index.js';
import { parseWildcard } from '../../../../infra/local/event-pattern/wildcard.js';
import {
  MAX_WILDCARD_COMPLEXITY,
  wildcardComplexity,
} from '../../../../infra/local/event-pattern/wildcard-complexity.js';

const complexityOf = (...wildcards: string[]): number => wildcardComplexity(wildcards.map(parseWildcard));

describe('wildcardComplexity', () => {
  it('grows with the wildcards a value could be part-way through at once', () => {
    expect(complexityOf('*.png')).toBe(2);
    expect(complexityOf('*/dir/*')).toBe(4);
    expect(complexityOf('/Users/*/dir/dir/dir/dir/dir/doc.txt')).toBe(7);
    expect(complexityOf('*:*:*:*:*:event-bus/*')).toBe(11);
  });

  it('adds up the wildcards that share a field', () => {
    expect(complexityOf('*.bif', '*.tiff', '*.tif', '*.svs')).toBeLessThanOrEqual(MAX_WILDCARD_COMPLEXITY);
    expect(complexityOf('*/datasync/*.bif', '*/datasync/*.tif')).toBeLessThanOrEqual(MAX_WILDCARD_COMPLEXITY);
    expect(
      complexityOf('*/datasync/*.bif', '*/datasync/*.tif', '*/datasync/*.tiff', '*/datasync/*.svs'),
    ).toBeGreaterThan(MAX_WILDCARD_COMPLEXITY);
  });
});

describe('compileEventPattern with many wildcards', () => {
  const keyPattern = (...wildcards: string[]) => ({ key: wildcards.map((wildcard) => ({ wildcard })) });

  it('refuses a field whose wildcards are too complex together', () => {
    const pattern = keyPattern(
      '*/datasync/*.bif',
      '*/datasync/*.tif',
      '*/datasync/*.tiff',
      '*/datasync/*.svs',
    );
    expect(() => compileEventPattern(pattern)).toThrow(InvalidEventPatternError);
  });

  it('judges each field on its own', () => {
    const pattern = {
      a: [{ wildcard: '*/datasync/*.bif' }, { wildcard: '*/datasync/*.tif' }],
      b: [{ wildcard: '*/datasync/*.tiff' }, { wildcard: '*/datasync/*.svs' }],
    };
    expect(() => compileEventPattern(pattern)).not.toThrow();
  });
});
