// Answers requests for a built site the way Netlify would, with Netlify's own code:
// `_redirects` parsed by netlify-redirect-parser and applied by @netlify/redirects (Netlify's
// redirect engine, shadowing included: a file that exists wins over a rule not forced with `!`),
// `_headers` and netlify.toml headers parsed by netlify-headers-parser.
//
// Input (JSON on stdin):
//   {"publicDir": "/abs/site", "netlifyToml": "/abs/netlify.toml" | null,
//    "origin": "https://help.example", "base": "/help" | "", "requests": ["/questions/old/", ...]}
// Output (JSON on stdout):
//   {"redirectErrors": [...], "headerErrors": [...], "redirectRules": n, "headerRules": n,
//    "responses": {"/path": {"status": 301, "location": "https://…" | null,
//                            "staticFile": "questions/old/index.html" | null, "served": "…" | null}},
//    "headers": {"/path": {"Header-Name": "value", ...}}}
// `staticFile` is the file that exists for the path (what would shadow a rule not forced);
// `served` is the file the answer's body comes from.

import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { RedirectsHandler } from '@netlify/redirects'
import { parseAllHeaders } from 'netlify-headers-parser'
import { parseAllRedirects } from 'netlify-redirect-parser'

// @netlify/redirects reports syntax errors with console.log: keep stdout for the JSON answer
console.log = (...args) => console.error(...args)

const input = JSON.parse(readFileSync(0, 'utf8'))
const { publicDir, origin, requests } = input
const netlifyToml = input.netlifyToml ?? undefined
const base = (input.base ?? '').replace(/\/$/, '')
const redirectsFile = path.join(publicDir, '_redirects')
const headersFile = path.join(publicDir, '_headers')

const isFile = (p) => existsSync(p) && statSync(p).isFile()

// Netlify's static lookup: /a/ → a/index.html; /a → a, a.html (pretty URLs) or a/index.html.
function staticFileFor(urlPath) {
  let rel = decodeURIComponent(urlPath)
  if (base) {
    if (rel !== base && !rel.startsWith(base + '/')) return null
    rel = rel.slice(base.length)
  }
  rel = rel.replace(/^\/+/, '')
  const candidates = rel === '' || rel.endsWith('/') ? [rel + 'index.html'] : [rel, rel + '.html', rel + '/index.html']
  const found = candidates.find((c) => isFile(path.join(publicDir, c)))
  return found ?? null
}

const redirects = existsSync(redirectsFile)
  ? await parseAllRedirects({ redirectsFiles: [redirectsFile], netlifyConfigPath: netlifyToml, configRedirects: [], minimal: false })
  : { redirects: [], errors: [] }
const headers = await parseAllHeaders({
  headersFiles: existsSync(headersFile) ? [headersFile] : [],
  netlifyConfigPath: netlifyToml,
  configHeaders: [],
  minimal: false,
})

const handler = new RedirectsHandler({
  configPath: netlifyToml,
  configRedirects: [],
  jwtRoleClaim: 'app_metadata.authorization.roles',
  jwtSecret: 'not-used',
  projectDir: publicDir,
  publicDir,
})

async function getStaticFile(request) {
  const file = staticFileFor(new URL(request.url).pathname)
  if (file === null) return undefined
  return async () => new Response(readFileSync(path.join(publicDir, file)), { status: 200, headers: { 'x-served-file': file } })
}

const responses = {}
const headersFor = {}
for (const urlPath of requests) {
  const request = new Request(origin + urlPath)
  const match = await handler.match(request)
  let response = match ? await handler.handle(request, match, getStaticFile) : undefined
  if (!response) {
    const serve = await getStaticFile(request)
    response = serve ? await serve() : new Response('Not found', { status: 404 })
  }
  responses[urlPath] = {
    status: response.status,
    location: response.headers.get('location'),
    staticFile: staticFileFor(urlPath),
    served: response.headers.get('x-served-file'),
  }
  // Netlify applies every rule whose path matches; values of one header are joined with ", ".
  const values = {}
  for (const rule of headers.headers) {
    if (!rule.forRegExp.test(urlPath)) continue
    for (const [name, value] of Object.entries(rule.values)) {
      values[name] = name in values ? `${values[name]}, ${value}` : value
    }
  }
  headersFor[urlPath] = values
}

process.stdout.write(
  JSON.stringify({
    redirectErrors: redirects.errors.map((e) => e.message),
    headerErrors: headers.errors.map((e) => e.message),
    redirectRules: redirects.redirects.length,
    headerRules: headers.headers.length,
    responses,
    headers: headersFor,
  }),
)
