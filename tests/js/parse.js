// Parse a GEXF or GraphML file with graphology's parsers (the GEXF one is Gephi Lite's)
// and print what was read as JSON: graph type, counts, nodes and edges with attributes.
// Usage: node parse.js gexf|graphml FILE
'use strict';
const fs = require('fs');
const {MultiGraph} = require('graphology');

const [format, file] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf-8');
let graph;
if (format === 'gexf') {
  const gexf = require('graphology-gexf');
  graph = gexf.parse(MultiGraph, text, {allowUndeclaredAttributes: false, addMissingNodes: false});
} else if (format === 'graphml') {
  const graphml = require('graphology-graphml');
  graph = graphml.parse(MultiGraph, text, {addMissingNodes: false});
} else {
  throw new Error('format must be gexf or graphml');
}
const out = {
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  attributes: graph.getAttributes(),
  nodes: graph.mapNodes((key, attributes) => ({key, attributes})),
  edges: graph.mapEdges((key, attributes, source, target, sa, ta, undirected) => ({
    key, source, target, undirected, attributes,
  })),
};
process.stdout.write(JSON.stringify(out));
