// The landing view: countries, organisations and projects as a graph, one edge per fact and pair.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { api } from './api.js';
import { clear, fmtConfidence, fmtNumber, fmtPeriod, h, humanize, message, fill } from './dom.js';
import { apiFilters, filterBar } from './filters.js';
import { profileContent, typeChip } from './entity.js';
import { route } from './routes.js';
import { FACT_TYPES, KIND_SHAPES, LEVELS, TYPE_COLORS } from './theme.js';

cytoscape.use(fcose);

function levelOf(id) {
  return LEVELS.find((l) => l.id === id) || LEVELS[0];
}

function edgeStyle(e) {
  if (e.type === 'partnership') {
    const l = levelOf(e.level);
    return { color: l.color, width: l.width };
  }
  return { color: TYPE_COLORS[e.type] || '#888', width: 1.6 };
}

function cyStyle() {
  const nodeKinds = Object.entries(KIND_SHAPES).map(([kind, k]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: k.shape, 'background-color': k.color },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: '', 'font-size': 10, 'font-family': 'system-ui, sans-serif', color: '#1f2937',
        'text-valign': 'bottom', 'text-margin-y': 3, 'text-outline-color': '#fff', 'text-outline-width': 2,
        width: 'data(size)', height: 'data(size)', 'border-width': 1, 'border-color': '#ffffff',
        'background-color': '#ccc', 'min-zoomed-font-size': 7,
      },
    },
    ...nodeKinds,
    // Only well-connected nodes and countries are named up front; the rest on hover or selection.
    { selector: 'node[degree >= 3], node[kind = "country"], node.hover, node:selected', style: { label: 'data(name)' } },
    { selector: 'node[degree >= 6]', style: { 'font-size': 12, 'font-weight': 600 } },
    { selector: 'node[?centre]', style: { 'border-width': 3, 'border-color': '#111827', 'font-weight': 'bold', 'font-size': 13 } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)', 'line-color': 'data(color)', 'curve-style': 'bezier', opacity: 0.85,
        'target-arrow-color': 'data(color)', 'arrow-scale': 0.9,
      },
    },
    { selector: 'edge[type = "visit"]', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge[modality = "planned"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: 'edge[modality = "negated"]', style: { 'line-style': 'dotted', opacity: 0.45 } },
    { selector: '.faded', style: { opacity: 0.18, 'text-opacity': 0.3 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#dc2626' } },
    { selector: 'edge:selected', style: { 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', opacity: 1, 'z-index': 10 } },
    {
      selector: 'edge.hover',
      style: { label: 'data(label)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 0.9,
        'text-background-padding': 2, color: '#111', 'z-index': 20 },
    },
  ];
}

function lineSwatch(color, width, dash) {
  const sw = h('span', { class: 'line-swatch' });
  sw.style.borderTop = `${width}px ${dash || 'solid'} ${color}`;
  return sw;
}

function legend(kindsPresent) {
  const kinds = Object.entries(KIND_SHAPES).filter(([kind]) => kindsPresent.has(kind)).map(([, k]) => {
    const dot = h('span', { class: `kind-swatch kind-${k.shape}` });
    dot.style.background = k.color;
    return h('li', {}, dot, k.label);
  });
  return h('section', { class: 'legend', testid: 'legend' },
    h('h3', {}, 'Legend'),
    h('ul', { class: 'legend-list' },
      LEVELS.slice().reverse().map((l) => h('li', {}, lineSwatch(l.color, l.width), l.label)),
      FACT_TYPES.filter((t) => t !== 'partnership' && t !== 'claim')
        .map((t) => h('li', {}, lineSwatch(TYPE_COLORS[t], 2), humanize(t), t === 'visit' ? ' (arrow to host)' : ''))),
    h('ul', { class: 'legend-list legend-inline' },
      h('li', {}, lineSwatch('#555', 2, 'dashed'), 'planned'),
      h('li', {}, lineSwatch('#555', 2, 'dotted'), 'negated')),
    h('ul', { class: 'legend-list legend-inline' }, kinds));
}

function edgeRow(row, selectedId) {
  return h('li', { class: row.fact_id === selectedId ? 'selected' : null },
    typeChip(row.type),
    h('a', { href: route('fact', [row.fact_id]) }, row.fact),
    h('div', { class: 'muted small' },
      [fmtPeriod(row.start, row.end, row.type), row.modality !== 'asserted' ? row.modality : '',
        `${row.sources} source${row.sources === 1 ? '' : 's'}`, `confidence ${fmtConfidence(row.confidence)}`]
        .filter(Boolean).join(' · ')));
}

export async function render(el, ctx) {
  const params = ctx.params;
  const filters = apiFilters(params);
  const apply = (values) => { location.hash = route('network', [], values); };

  const count = h('span', { testid: 'edge-count' }, '…');
  const nodeCount = h('span', {}, '…');
  const canvas = h('div', { class: 'network-canvas', testid: 'network-canvas', role: 'img',
    'aria-label': 'Network of entities and the facts linking them' });
  const details = h('div', { class: 'details' },
    h('p', { class: 'muted' }, 'Click a node for its profile, an edge for the facts behind it.'));
  const side = h('aside', { class: 'side-panel' }, details);

  el.append(
    h('header', { class: 'view-head' },
      h('h1', {}, 'Network'),
      h('div', { class: 'counts' }, nodeCount, ' nodes · ', count, ' edges')),
    // Claims name one entity each, so they never make an edge: not offered here.
    filterBar(params, ['types', 'years', 'confidence', 'source', 'entity'], apply,
      { typeChoices: FACT_TYPES.filter((t) => t !== 'claim') }),
    h('div', { class: 'network-layout' }, h('div', { class: 'canvas-wrap' }, canvas), side));

  let graph;
  try {
    graph = await api.graph({ ...filters, limit: 2000 });
  } catch (err) {
    if (ctx.alive()) canvas.appendChild(message('error', err.friendly || err.message));
    count.textContent = '0';
    return null;
  }
  if (!ctx.alive()) return null;

  count.textContent = String(graph.edges.length);
  side.appendChild(legend(new Set(graph.nodes.map((n) => n.kind))));
  if (graph.truncated) side.prepend(message('warn', 'Only the best-sourced facts are drawn: narrow the filters to see the rest.'));
  nodeCount.textContent = fmtNumber(graph.nodes.length);
  if (!graph.edges.length && !graph.nodes.length) {
    canvas.appendChild(message('info', 'No facts match these filters.'));
    return null;
  }

  const maxDegree = Math.max(1, ...graph.nodes.map((n) => n.degree || 1));
  const centre = filters.entity || null;
  const elements = [
    ...graph.nodes.map((n) => ({
      group: 'nodes',
      data: { id: n.key, key: n.key, entityId: n.id, kind: n.kind, name: n.name || n.id, degree: n.degree,
        size: 16 + 34 * Math.sqrt((n.degree || 1) / maxDegree), centre: n.key === centre },
    })),
    ...graph.edges.map((e) => {
      const st = edgeStyle(e);
      return {
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type, level: e.level, modality: e.modality,
          factId: e.fact_id, color: st.color, width: st.width,
          label: `${humanize(e.label || e.type)}${e.start ? ` ${e.start}` : ''}` },
      };
    }),
  ];

  const layout = centre && graph.nodes.some((n) => n.key === centre)
    ? { name: 'concentric', concentric: (n) => (n.id() === centre ? 3 : n.degree() > 1 ? 2 : 1), levelWidth: () => 1,
      minNodeSpacing: 30, animate: false }
    : { name: 'fcose', animate: false, randomize: true, quality: 'proof', nodeRepulsion: () => 12000,
      idealEdgeLength: () => 80, edgeElasticity: () => 0.3, gravity: 0.3, gravityRange: 3.0, numIter: 2500,
      nodeSeparation: 90, packComponents: true, padding: 20, tile: true };

  const cy = cytoscape({ container: canvas, elements, style: cyStyle(), layout, minZoom: 0.15, maxZoom: 4 });
  // The e2e tests and the screenshot script read the graph through this handle.
  window.__diplographCy = cy;

  function focus(ele) {
    cy.elements().removeClass('faded');
    if (!ele) return;
    const keep = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.elements().difference(keep).addClass('faded');
    // Bring the neighbourhood into view, without zooming in further than it is.
    const bb = keep.boundingBox();
    const pad = 60;
    const level = Math.min(1.6, Math.max(cy.zoom(), Math.min((cy.width() - 2 * pad) / Math.max(bb.w, 1),
      (cy.height() - 2 * pad) / Math.max(bb.h, 1))));
    const cx = bb.x1 + bb.w / 2;
    const cyy = bb.y1 + bb.h / 2;
    cy.stop();
    cy.animate({ zoom: level, pan: { x: cy.width() / 2 - level * cx, y: cy.height() / 2 - level * cyy } }, { duration: 250 });
  }

  async function showNode(node) {
    focus(node);
    clear(details).appendChild(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const p = await api.entity(node.data('kind'), node.data('entityId'));
      if (!ctx.alive()) return;
      fill(details, ...profileContent(p, { compact: true }).filter(Boolean));
    } catch (err) {
      clear(details).appendChild(message('error', err.friendly || err.message));
    }
  }

  async function showEdge(edge) {
    focus(edge);
    const a = edge.source();
    const b = edge.target();
    fill(details, h('h2', {}, `${a.data('name')} — ${b.data('name')}`), h('p', { class: 'muted' }, 'Loading…'));
    try {
      const rows = await api.edges(a.id(), b.id());
      if (!ctx.alive()) return;
      fill(details, 
        h('h2', {}, `${a.data('name')} — ${b.data('name')}`),
        h('p', { class: 'muted' }, `${rows.length} fact${rows.length === 1 ? '' : 's'} link them`),
        h('ul', { class: 'edge-facts', testid: 'edge-facts' }, rows.map((r) => edgeRow(r, edge.data('factId')))));
    } catch (err) {
      clear(details).appendChild(message('error', err.friendly || err.message));
    }
  }

  cy.on('tap', 'node', (ev) => showNode(ev.target));
  cy.on('tap', 'edge', (ev) => showEdge(ev.target));
  cy.on('tap', (ev) => { if (ev.target === cy) focus(null); });
  cy.on('mouseover', 'edge', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'edge', (ev) => ev.target.removeClass('hover'));
  cy.on('mouseover', 'node', (ev) => { ev.target.addClass('hover'); canvas.style.cursor = 'pointer'; });
  cy.on('mouseout', 'node', (ev) => { ev.target.removeClass('hover'); canvas.style.cursor = ''; });

  if (centre) {
    const node = cy.getElementById(centre);
    if (node.nonempty()) { node.select(); showNode(node); }
  }

  const onResize = () => cy.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    if (window.__diplographCy === cy) window.__diplographCy = null;
    cy.destroy();
  };
}
