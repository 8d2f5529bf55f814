// The note that replaces a qualitative passage withheld after the personal-data scan.
export const WITHHELD_NOTE =
	'Passage masqué : il pourrait contenir une donnée personnelle (nom, date, coordonnées…).';
