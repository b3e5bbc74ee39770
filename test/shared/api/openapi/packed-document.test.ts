import { openApiDocument } from '../../../../shared/api/openapi/document.js';
import { unpackDocument } from '../../../../shared/api/openapi/document-packing.js';
import { PACKED_OPENAPI_DOCUMENT } from '../../../../shared/api/openapi/packed-document.js';

it('the packed OpenAPI document the operator API serves is the one the schemas build (else run `npm run openapi`)', () => {
  expect(unpackDocument(PACKED_OPENAPI_DOCUMENT)).toBe(JSON.stringify(openApiDocument()));
});
