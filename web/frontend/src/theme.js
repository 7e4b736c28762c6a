// Colours and names shared by the network, the map, the timeline and the legends.

export const FACT_TYPES = ['partnership', 'membership', 'visit', 'meeting', 'agreement', 'participation',
  'hosting', 'cooperation', 'claim'];

export const TYPE_COLORS = {
  partnership: '#2563eb',
  membership: '#7c3aed',
  visit: '#ea580c',
  meeting: '#0891b2',
  agreement: '#16a34a',
  participation: '#b45309',
  hosting: '#db2777',
  cooperation: '#64748b',
  claim: '#9ca3af',
};

// Partnership levels, weakest first; a stronger level is drawn darker and wider.
export const LEVELS = [
  { id: null, label: 'partnership (level not stated)', color: '#93c5fd', width: 2 },
  { id: 'strategic_partnership', label: 'strategic partnership', color: '#3b82f6', width: 3.5 },
  { id: 'comprehensive_strategic_partnership', label: 'comprehensive strategic partnership', color: '#1d4ed8', width: 5 },
  { id: 'alliance', label: 'alliance', color: '#172554', width: 7 },
];

export const MODALITIES = ['asserted', 'planned', 'negated'];

export const KIND_SHAPES = {
  country: { shape: 'ellipse', color: '#f4b860', label: 'country' },
  org: { shape: 'round-rectangle', color: '#a5b4fc', label: 'organisation' },
  project: { shape: 'diamond', color: '#86efac', label: 'project' },
  group: { shape: 'round-rectangle', color: '#c7d2fe', label: 'group' },
  event: { shape: 'hexagon', color: '#f9a8d4', label: 'event' },
  other: { shape: 'ellipse', color: '#d1d5db', label: 'other' },
};

// The map's colour for a country's strongest relation with the chosen one, strongest first.
export const RELATIONS = [
  { id: 'alliance', label: 'alliance', color: '#172554' },
  { id: 'comprehensive_strategic_partnership', label: 'comprehensive strategic partnership', color: '#1d4ed8' },
  { id: 'strategic_partnership', label: 'strategic partnership', color: '#60a5fa' },
  { id: 'agreement', label: 'agreement', color: '#16a34a' },
  { id: 'visit', label: 'visit', color: '#f97316' },
  { id: 'meeting', label: 'meeting', color: '#22d3ee' },
  { id: 'other', label: 'other link', color: '#c4b5fd' },
];
