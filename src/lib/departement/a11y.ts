// Attributes of a scrolling table container: keyboard users must be able to reach and scroll it
// (axe `scrollable-region-focusable`), so it is a focusable, named region.
export const scrollable = {
	tabindex: 0,
	role: 'region',
	'aria-label': 'Tableau défilant'
} as const;
