// Throughput of chrono-node's date search over a JSON Lines corpus: the peer
// a JavaScript user would pick. Prints one line: name, bytes, seconds, matches.
const fs = require("fs");
const readline = require("readline");
const chrono = require("chrono-node");

async function main() {
  const file = process.argv[2];
  const texts = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file) });
  for await (const line of rl) {
    if (line.trim()) texts.push(JSON.parse(line).text || "");
  }
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const t0 = process.hrtime.bigint();
  let found = 0;
  for (const t of texts) found += chrono.parse(t).length;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`chrono-node\t${bytes}\t${s.toFixed(3)}\t${found}`);
}
main();
