// Shapes of the charter pages' data, shared by the server modules and the components.

export interface GroupCharter {
	id: string;
	name: string;
	/** institution labels of the member list, in the contract's order, once each */
	institutions: string[];
	coordinator: string | null;
	/** adoption date of the version in force, if any */
	protocolAdoptedOn: string | null;
}

export interface AttendanceRow {
	institution: string;
	label: string;
	/** séances where the institution was present */
	present: number;
	/** on the member list */
	listed: boolean;
}

export interface Attendance {
	/** séances of the versions in force, all periods */
	seances: number;
	periods: string[];
	rows: AttendanceRow[];
}
