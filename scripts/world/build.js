// Build src/emit/world-110m.json, the land outline map.html draws under the
// points (so the map reads offline, without tiles).
//
// Source: Natural Earth 1:110m land (public domain), as the npm package
// world-atlas@2.0.2 redistributes it (TopoJSON), decoded with
// topojson-client@3.1.0. Output: a JSON array of rings, each a flat array
// [lon, lat, lon, lat, ...] in tenths of a degree (integers), with repeated
// points dropped: 5,000 points, 46 KB.
//
// usage: bash scripts/world/build.sh   (installs the two packages in a temp dir)
"use strict";
const topo = require("topojson-client");
const land = require("world-atlas/land-110m.json");

const g = topo.feature(land, land.objects.land);
const rings = [];
for (const f of g.type === "FeatureCollection" ? g.features : [g]) {
  const geom = f.geometry;
  const polygons = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const flat = [];
      for (const [lon, lat] of ring) {
        const x = Math.round(lon * 10), y = Math.round(lat * 10);
        const n = flat.length;
        if (n >= 2 && flat[n - 2] === x && flat[n - 1] === y) continue;
        flat.push(x, y);
      }
      if (flat.length >= 6) rings.push(flat);
    }
  }
}
process.stdout.write(JSON.stringify(rings) + "\n");
