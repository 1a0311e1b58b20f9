// Lambda@Edge origin-response function of the CDN module's WebGL behaviours
// (terraform/modules/cdn, enable_webgl_edge_function). It runs on cache
// misses only: CloudFront caches the response as this function leaves it.
//
// Unity and other WebGL toolchains ship their builds precompressed, named
// after the encoding: game.wasm.br, game.data.gz, game.framework.js.br,
// game.symbols.json.br. The loader requests those names, and the browser
// only decodes them when the response says so. S3 serves whatever metadata
// the upload set (often none: binary/octet-stream, no Content-Encoding), so
// this function sets, on successful responses (200, 206) only:
//
//   <name>.<ext>.br  Content-Encoding: br    Content-Type of <ext>
//   <name>.<ext>.gz  Content-Encoding: gzip  Content-Type of <ext>
//   <name>.wasm      Content-Type: application/wasm (streaming compilation)
//
// <ext> must be one of TYPES below: an unknown inner extension (backup.tar.gz,
// notes.txt.br) is left as it is, so that a real archive is never decoded by
// the browser. Errors (403/404 from S3, 5xx) and every other response pass
// untouched. The cache key needs nothing more: the file name itself says
// which encoding the object is in, so one cached object per URI is right.
//
// Plain Node.js, no dependencies (Lambda@Edge runs no custom runtimes, and
// has no environment variables or layers). Tested by handler_test.go.
'use strict';

// Content-Type by the name's extension once .br/.gz is removed; the longest
// suffix wins (.symbols.json before .json). Unity's server configuration
// samples: application/wasm for .wasm (WebAssembly streaming compilation
// needs it), application/javascript for .js, application/octet-stream for
// .data and .symbols.json.
const TYPES = [
  ['.symbols.json', 'application/octet-stream'],
  ['.wasm', 'application/wasm'],
  ['.js', 'application/javascript'],
  ['.mjs', 'application/javascript'],
  ['.data', 'application/octet-stream'],
  ['.json', 'application/json'],
  ['.glb', 'model/gltf-binary'],
  ['.gltf', 'model/gltf+json'],
  ['.bin', 'application/octet-stream'],
  ['.ktx2', 'image/ktx2'],
  ['.basis', 'application/octet-stream'],
  ['.drc', 'application/octet-stream'],
];

// Content-Encoding by the precompressed file's suffix.
const ENCODINGS = [
  ['.br', 'br'],
  ['.gz', 'gzip'],
];

// Statuses whose body is the object (a range of it for 206).
const SUCCESS = new Set(['200', '206']);

function typeOf(path) {
  for (const [ext, type] of TYPES) {
    if (path.endsWith(ext)) {
      return type;
    }
  }
  return null;
}

function setHeader(headers, key, value) {
  headers[key.toLowerCase()] = [{ key, value }];
}

// headersFor returns the headers the object at uri needs, or null when the
// function must leave the response alone.
function headersFor(uri) {
  const path = String(uri || '').toLowerCase();
  for (const [suffix, encoding] of ENCODINGS) {
    if (path.endsWith(suffix)) {
      const type = typeOf(path.slice(0, -suffix.length));
      return type ? { 'Content-Encoding': encoding, 'Content-Type': type } : null;
    }
  }
  if (path.endsWith('.wasm')) {
    return { 'Content-Type': 'application/wasm' };
  }
  return null;
}

exports.handler = async (event) => {
  const cf = event.Records[0].cf;
  if (cf.config.eventType !== 'origin-response' || !cf.response) {
    // Associated with another event by mistake: change nothing.
    return cf.response || cf.request;
  }
  const response = cf.response;
  if (!SUCCESS.has(String(response.status))) {
    return response;
  }
  const headers = headersFor(cf.request.uri);
  if (headers) {
    response.headers = response.headers || {};
    for (const [key, value] of Object.entries(headers)) {
      setHeader(response.headers, key, value);
    }
  }
  return response;
};
