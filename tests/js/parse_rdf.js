// Independent check of kg's RDF exports: parse FILE as FORMAT with N3.js and print the
// number of distinct quads. Exit 1 with the parser's message (it names the line) on error.
// Usage: node tests/js/parse_rdf.js FILE turtle|trig|ntriples|nquads
"use strict";
const fs = require("fs");
const N3 = require("n3");

const [file, format] = process.argv.slice(2);
const formats = { turtle: "Turtle", trig: "TriG", ntriples: "N-Triples", nquads: "N-Quads" };
if (!file || !formats[format]) {
  console.error("usage: parse_rdf.js FILE turtle|trig|ntriples|nquads");
  process.exit(2);
}
const store = new N3.Store();
const parser = new N3.Parser({ format: formats[format] });
const input = fs.createReadStream(file, { encoding: "utf8" });
parser.parse(input, (error, quad) => {
  if (error) {
    console.error(`${file}: ${error.message}`);
    process.exit(1);
  } else if (quad) {
    store.addQuad(quad);
  } else {
    console.log(String(store.size));
  }
});
