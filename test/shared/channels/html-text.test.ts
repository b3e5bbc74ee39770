import { decodeHtmlEntities } from '../../../shared/channels/html-text.js';

describe('decodeHtmlEntities', () => {
  it('decodes the entities WordPress puts in product names', () => {
    expect(decodeHtmlEntities('Ship Your Idea &ndash; Color: Black')).toBe('Ship Your Idea – Color: Black');
    expect(decodeHtmlEntities('Tom &amp; Jerry&#8217;s &#x201C;mug&#x201d;')).toBe('Tom & Jerry’s “mug”');
  });

  it('leaves unknown, invalid and inherited names as they are', () => {
    for (const text of ['&bogus;', '&valueOf;', '&#0;', '&#xD800;', '&#99999999;', '& amp;', '&amp'])
      expect(decodeHtmlEntities(text)).toBe(text);
  });
});
