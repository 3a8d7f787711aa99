// Build the workbench's assets from npm packages into src/frontlines/web/static/ (git-ignored):
// the page's script and styles bundled with esbuild (Leaflet, markercluster, topojson-client, d3),
// Natural Earth country borders from world-atlas, and swagger-ui for /docs. No CDN at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const page = join(here, '..', 'src', 'frontlines', 'web', 'page');
const out = join(here, '..', 'src', 'frontlines', 'web', 'static');
const modules = join(here, 'node_modules');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'swagger'), { recursive: true });

await build({
  entryPoints: [join(page, 'app.js'), join(page, 'app.css')],
  bundle: true, minify: true, sourcemap: true, target: ['es2020'], format: 'iife',
  outdir: out, nodePaths: [modules], loader: { '.png': 'file', '.svg': 'file' }, assetNames: 'images/[name]',
  legalComments: 'linked', logLevel: 'warning',
});

const copies = [
  [join(modules, 'world-atlas', 'countries-50m.json'), join(out, 'countries.json')],
  [join(modules, 'swagger-ui-dist', 'swagger-ui-bundle.js'), join(out, 'swagger', 'swagger-ui-bundle.js')],
  [join(modules, 'swagger-ui-dist', 'swagger-ui.css'), join(out, 'swagger', 'swagger-ui.css')],
  [join(page, 'docs.js'), join(out, 'docs.js')],
  [join(modules, 'world-atlas', 'LICENSE'), join(out, 'LICENSE-world-atlas.txt')],
  [join(modules, 'leaflet', 'LICENSE'), join(out, 'LICENSE-leaflet.txt')],
];
for (const [from, to] of copies) copyFileSync(from, to);
console.log(`built workbench assets in ${out}`);
