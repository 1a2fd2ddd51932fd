import type { Generated } from 'kysely';

/** Table types, mirroring `migrations/`. Times are ISO-8601 UTC text; booleans 0/1. */

export interface OrganisationTable {
	id: string;
	code: string;
	name: string;
	kind: string;
	region: string | null;
	created_at: string;
}

export interface ProviderTable {
	id: string;
	code: string;
	name: string;
	detailed_type: string;
	active: Generated<number>;
	approach: Generated<string>;
	email: string | null;
	phone: string | null;
	website: string | null;
	start_within_weeks: number | null;
	price_min_euros: number | null;
	price_max_euros: number | null;
	created_at: string;
	updated_at: string;
}

export interface ProviderRegionTable {
	provider_id: string;
	region: string;
}
export interface ProviderActivityTable {
	provider_id: string;
	activity: string;
}
export interface ProviderTargetGroupTable {
	provider_id: string;
	target_group: string;
}
export interface ProviderContractFormTable {
	provider_id: string;
	contract_form: string;
}
export interface ProviderBenefitTypeTable {
	provider_id: string;
	benefit_type: string;
}

export interface UserTable {
	id: string;
	email: string;
	display_name: string;
	role: string;
	password_hash: string | null;
	organisation_id: string | null;
	provider_id: string | null;
	benefit_type: string | null;
	region: string | null;
	created_at: string;
	activated_at: string | null;
	language: Generated<string | null>;
}

export interface SessionTable {
	id: string;
	user_id: string;
	secret_hash: string;
	created_at: string;
	last_verified_at: string;
}

export interface AccountInvitationTable {
	id: string;
	user_id: string;
	secret_hash: string;
	created_by: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface SignInFailureTable {
	id: string;
	throttle_key: string;
	failed_at: string;
}

export interface AuditLogTable {
	id: string;
	occurred_at: string;
	actor_id: string | null;
	action: string;
	entity_type: string;
	entity_id: string | null;
	details: Generated<string>;
}

export interface Database {
	organisations: OrganisationTable;
	providers: ProviderTable;
	provider_regions: ProviderRegionTable;
	provider_activities: ProviderActivityTable;
	provider_target_groups: ProviderTargetGroupTable;
	provider_contract_forms: ProviderContractFormTable;
	provider_benefit_types: ProviderBenefitTypeTable;
	users: UserTable;
	sessions: SessionTable;
	account_invitations: AccountInvitationTable;
	sign_in_failures: SignInFailureTable;
	audit_log: AuditLogTable;
	trajectories: TrajectoryTable;
	plans: PlanTable;
	instrument_versions: InstrumentVersionTable;
	instrument_items: InstrumentItemTable;
	survey_waves: SurveyWaveTable;
	survey_invitations: SurveyInvitationTable;
	survey_responses: SurveyResponseTable;
	survey_answers: SurveyAnswerTable;
	survey_import_batches: SurveyImportBatchTable;
	organisation_rules: OrganisationRulesTable;
	plan_revisions: PlanRevisionTable;
	plan_versions: PlanVersionTable;
	trajectory_transitions: TrajectoryTransitionTable;
	notifications: NotificationTable;
	outbox: OutboxTable;
	api_tokens: ApiTokenTable;
	register_version: RegisterVersionTable;
}

/** One row (id 1): counts every write to `providers`, by trigger (migration 10). */
export interface RegisterVersionTable {
	id: number;
	version: number;
}

export interface TrajectoryTable {
	id: string;
	/** Null once the client was erased (migration 09): the trajectory stays as an anonymous row. */
	client_id: string | null;
	provider_id: string;
	organisation_id: string;
	status: string;
	chosen_at: string;
	updated_at: string;
	ended_at: string | null;
	placed: number | null;
	extension_requested_at: Generated<string | null>;
	deadline_reminded_at: Generated<string | null>;
	submitted_at: Generated<string | null>;
	placed_on: Generated<string | null>;
	contract_months: Generated<number | null>;
	end_reason: Generated<string | null>;
}

export interface PlanTable {
	id: string;
	trajectory_id: string;
	content: Generated<string>;
	version: Generated<number>;
	updated_at: string;
	updated_by: string | null;
	signed_version: Generated<number | null>;
	signed_by: Generated<string | null>;
	signed_at: Generated<string | null>;
}

export interface OrganisationRulesTable {
	organisation_id: string;
	budget_cap_cents: number;
	max_duration_months: number;
	training_share_flag_percent: number;
	submission_days: number;
	extension_days: number;
	decision_weeks: number;
	updated_at: string;
	updated_by: string | null;
}

export interface PlanRevisionTable {
	plan_id: string;
	version: number;
	content: string;
	saved_at: string;
	saved_by: string | null;
}

/** A submitted plan version: never changed after insert except for its one decision. */
export interface PlanVersionTable {
	id: string;
	trajectory_id: string;
	number: number;
	content: string;
	rules: string;
	rule_checks: string;
	submitted_at: string;
	/** Null once the client who submitted it was erased (migration 09). */
	submitted_by: string | null;
	decision: string | null;
	decision_reason: string | null;
	decided_at: string | null;
	decided_by: string | null;
}

export interface TrajectoryTransitionTable {
	id: string;
	trajectory_id: string;
	occurred_at: string;
	actor_id: string | null;
	from_status: string | null;
	to_status: string;
	reason: string | null;
}

export interface NotificationTable {
	id: string;
	user_id: string;
	event: string;
	trajectory_id: string | null;
	params: Generated<string>;
	created_at: string;
	read_at: string | null;
}

export interface OutboxTable {
	id: string;
	event: string;
	recipient: string;
	user_id: string | null;
	language: string;
	subject: string;
	body: string;
	created_at: string;
	attempts: Generated<number>;
	next_attempt_at: string;
	claimed_until: string | null;
	sent_at: string | null;
	last_error: string | null;
	/** Send only while this survey invitation is open (the reminder); cancelled otherwise. */
	survey_invitation_id: Generated<string | null>;
	cancelled_at: Generated<string | null>;
	/** The worker gave up after its last attempt. */
	failed_at: Generated<string | null>;
}

export interface InstrumentVersionTable {
	version: number;
	status: string;
	created_at: string;
	published_at: string | null;
}

export interface InstrumentItemTable {
	version: number;
	code: string;
	domain: string;
	negative: number;
	wording_nl: string;
	wording_en: string;
	position: number;
}

export interface SurveyWaveTable {
	name: string;
	created_at: string;
}

export interface SurveyInvitationTable {
	id: string;
	secret_hash: string;
	trajectory_id: string;
	wave: string;
	instrument_version: number;
	created_at: string;
	expires_at: string;
	reminded_at: string | null;
	completed_at: string | null;
	portal_secret_hash: Generated<string | null>;
}

export interface SurveyResponseTable {
	id: string;
	invitation_id: string | null;
	trajectory_id: string | null;
	provider_id: string;
	wave: string;
	instrument_version: number;
	source: string;
	import_batch_id: string | null;
	started_at: string;
	completed_at: string | null;
	overall: number | null;
	comment: string | null;
	progress: Generated<number>;
	/** Scale-score category per domain (`ja`, `een_beetje`, `nee`), null without a score; see `scored`. */
	score_maatwerk: Generated<string | null>;
	score_kwaliteit: Generated<string | null>;
	score_meerwaarde: Generated<string | null>;
	score_vaardigheden: Generated<string | null>;
	/** 1 once the scores above were stored (services/survey-scores.ts), 0 before. */
	scored: Generated<number>;
}

export interface SurveyAnswerTable {
	response_id: string;
	item_code: string;
	answer: string;
}

export interface SurveyImportBatchTable {
	id: string;
	wave: string;
	checksum: string;
	file_name: string;
	imported_by: string | null;
	imported_at: string;
	counts: Generated<string>;
}

export interface ApiTokenTable {
	id: string;
	user_id: string;
	name: string;
	secret_hash: string;
	created_at: string;
	expires_at: string;
	revoked_at: string | null;
	last_used_at: string | null;
}
