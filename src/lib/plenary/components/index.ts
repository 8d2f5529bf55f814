// The plenary bilan's sections, shared by the commune's page and its printable version.
export { default as Bilans } from './Bilans.svelte';
export { default as GroupsList } from './GroupsList.svelte';
export { default as Indicators } from './Indicators.svelte';
export { default as KeyFigures } from './KeyFigures.svelte';
