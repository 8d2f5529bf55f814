// Statistical disclosure control of linked count tables (pure, no server or database imports).
export { buildModel, cellKey, crossTable, defineTables } from './model';
export type {
	CountRecord,
	CrossTableSpec,
	DimSpec,
	HierarchyLevel,
	Model,
	Relation,
	TableCell,
	TableRelation,
	TableSpec
} from './model';
export { DEFAULT_K, checkK, primarySuppression } from './primary';
export type { ProtectionStatus, PrimaryOptions, PrimaryReason } from './primary';
export { gaussSuppression } from './gauss';
export type { GaussInput, GaussResult } from './gauss';
export {
	audit,
	auditCodes,
	hiddenBlocks,
	LATENT,
	loadSolver,
	protectionFailure,
	WitnessStore
} from './audit';
export type {
	AuditCache,
	AuditCell,
	AuditFailure,
	AuditOptions,
	AuditReport,
	FailureKind
} from './audit';
export { candidateOrder, protect } from './protect';
export type { ProtectOptions, Protected, ProtectedCell } from './protect';
export { naiveSuppression } from './naive';
export type { NaiveResult } from './naive';
export { suppressionFloor } from './floor';
export type { Floor, FloorPart } from './floor';
