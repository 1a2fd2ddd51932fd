import type { Kysely } from 'kysely';
import { emptyPlan, type PlanContent } from '../../domain/plan/content';
import { checkPlan, defaultRules } from '../../domain/plan/rules';
import type { TrajectoryStatus } from '../../domain/trajectory';
import type { BenefitType, Region } from '../../domain/reference';
import type { Database } from '../db';
import { demoProviderId } from './providers';

/**
 * Demo trajectories, so that a reviewer's queue and a provider's client list are not empty in the
 * demo: extra clients (not the main demo client, whose journey starts from nothing) with plans in
 * every stage of the lifecycle. Each submitted plan carries the rule checks the submit step stores.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoTrajectory {
	key: string;
	clientName: string;
	organisationId: string;
	benefitType: BenefitType;
	region: Region;
	providerCode: string;
	status: TrajectoryStatus;
	/** Days before the seed moment the provider was chosen and the plan submitted. */
	chosenDaysAgo: number;
	submittedDaysAgo: number | null;
	plan: PlanContent;
	decision?: { decision: 'approved' | 'changes_requested'; reason: string | null; daysAgo: number };
	outcome?: { placed: boolean; daysAgo: number };
}

function plan(occupation: string, hours: number, situation: string, activities: [PlanContent['activities'][number]['type'], string, number, number, number][], start: string, end: string): PlanContent {
	return {
		...emptyPlan(),
		targetOccupation: occupation,
		hoursPerWeek: hours,
		startingSituation: situation,
		motivation: situation,
		activities: activities.map(([type, description, startWeek, durationWeeks, euros], index) => ({
			id: `act-${index + 1}`,
			type,
			description,
			startWeek,
			durationWeeks,
			costCents: euros * 100
		})),
		plannedStart: start,
		plannedEnd: end,
		contractForm: 'no_cure_less_pay'
	};
}

export function demoTrajectories(organisations: { uwv: string; zwolle: string; utrecht: string }): DemoTrajectory[] {
	return [
		{
			key: 'anna',
			clientName: 'Anna Kok',
			organisationId: organisations.uwv,
			benefitType: 'WW',
			region: 'utrecht',
			providerCode: 'loopbaanlicht',
			status: 'submitted',
			chosenDaysAgo: 30,
			submittedDaysAgo: 12,
			plan: plan('Administratief medewerker', 32, 'Ik heb 15 jaar op een kantoor gewerkt. Mijn afdeling is opgeheven.', [
				['diagnosis', 'Gesprek over wat ik kan en wil', 1, 2, 400],
				['job_application_training', 'Sollicitatietraining in een groep', 3, 6, 1200],
				['job_mediation', 'Hulp bij het vinden van vacatures', 5, 20, 1800]
			], '2027-01-04', '2027-07-02')
		},
		{
			key: 'kees',
			clientName: 'Kees Smit',
			organisationId: organisations.uwv,
			benefitType: 'WIA',
			region: 'utrecht',
			providerCode: 'loopbaanlicht',
			status: 'submitted',
			chosenDaysAgo: 90,
			submittedDaysAgo: 63,
			plan: plan('Magazijnmedewerker', 24, 'Na een ongeluk kan ik mijn oude werk als stukadoor niet meer doen.', [
				['diagnosis', 'Onderzoek naar mijn mogelijkheden', 1, 4, 900],
				['schooling', 'Heftruckcertificaat en logistiek', 5, 16, 3600],
				['work_placement', 'Werkstage in een magazijn', 21, 12, 1100]
			], '2026-10-05', '2028-12-01')
		},
		{
			key: 'ilse',
			clientName: 'Ilse Bos',
			organisationId: organisations.uwv,
			benefitType: 'WW',
			region: 'utrecht',
			providerCode: 'werkkracht-oost',
			status: 'changes_requested',
			chosenDaysAgo: 40,
			submittedDaysAgo: 20,
			plan: plan('', 36, 'Ik wil iets anders gaan doen, maar weet nog niet wat.', [['diagnosis', 'Loopbaanonderzoek', 1, 6, 1500]], '2027-01-11', '2027-06-30'),
			decision: { decision: 'changes_requested', reason: 'Vul een beroep in waar u naartoe werkt, en voeg een onderdeel toe dat u helpt werk te vinden.', daysAgo: 5 }
		},
		{
			key: 'ruud',
			clientName: 'Ruud Vermeulen',
			organisationId: organisations.uwv,
			benefitType: 'WW',
			region: 'utrecht',
			providerCode: 'loopbaanlicht',
			status: 'active',
			chosenDaysAgo: 120,
			submittedDaysAgo: 100,
			plan: plan('Buschauffeur', 38, 'Ik heb rijervaring als vrachtwagenchauffeur.', [
				['schooling', 'Rijbewijs D', 1, 10, 2500],
				['job_mediation', 'Bemiddeling naar vervoerders', 8, 12, 900]
			], '2026-08-03', '2027-05-28'),
			decision: { decision: 'approved', reason: null, daysAgo: 90 }
		},
		{
			key: 'fenna',
			clientName: 'Fenna Dijkstra',
			organisationId: organisations.zwolle,
			benefitType: 'bijstand',
			region: 'overijssel',
			providerCode: 'werkkracht-oost',
			status: 'submitted',
			chosenDaysAgo: 25,
			submittedDaysAgo: 3,
			plan: plan('Medewerker schoonmaak', 20, 'Ik zorg voor mijn kinderen en wil weer aan het werk.', [
				['social_skills', 'Training weerbaarheid', 1, 4, 600],
				['work_first', 'Werken met begeleiding', 5, 26, 2000]
			], '2027-01-04', '2027-12-24')
		},
		{
			key: 'jeroen',
			clientName: 'Jeroen Peters',
			organisationId: organisations.utrecht,
			benefitType: 'bijstand',
			region: 'utrecht',
			providerCode: 'baanpunt-domstad',
			status: 'submitted',
			chosenDaysAgo: 20,
			submittedDaysAgo: 6,
			plan: plan('Kok', 32, 'Ik heb in de horeca gewerkt en wil een vaste baan.', [['job_mediation', 'Bemiddeling naar restaurants', 1, 16, 1400]], '2027-01-04', '2027-06-25')
		}
	];
}

function demoClientEmail(key: string): string {
	return `client.${key}@demo.regie.nl`;
}

/** Writes the demo trajectories, their clients, plans, versions and transitions (inside the seed's transaction). */
export async function seedDemoPlans(trx: Kysely<Database>, organisations: { uwv: string; zwolle: string; utrecht: string }, passwordHash: string, now: Date): Promise<number> {
	const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
	const trajectories = demoTrajectories(organisations);
	for (const demo of trajectories) {
		const clientId = `user-demo-client-${demo.key}`;
		const trajectoryId = `00000000-0000-4000-8000-${(trajectories.indexOf(demo) + 1).toString().padStart(12, '0')}`;
		const providerId = demoProviderId(demo.providerCode);
		await trx
			.insertInto('users')
			.values({
				id: clientId,
				email: demoClientEmail(demo.key),
				display_name: demo.clientName,
				role: 'client',
				password_hash: passwordHash,
				organisation_id: demo.organisationId,
				provider_id: null,
				benefit_type: demo.benefitType,
				region: demo.region,
				created_at: at(demo.chosenDaysAgo + 7),
				activated_at: at(demo.chosenDaysAgo + 7)
			})
			.execute();
		const ended = demo.outcome ? at(demo.outcome.daysAgo) : null;
		await trx
			.insertInto('trajectories')
			.values({
				id: trajectoryId,
				client_id: clientId,
				provider_id: providerId,
				organisation_id: demo.organisationId,
				status: demo.status,
				chosen_at: at(demo.chosenDaysAgo),
				updated_at: at(Math.min(demo.chosenDaysAgo, demo.submittedDaysAgo ?? demo.chosenDaysAgo, demo.decision?.daysAgo ?? demo.chosenDaysAgo)),
				ended_at: ended,
				placed: demo.outcome ? (demo.outcome.placed ? 1 : 0) : null,
				submitted_at: demo.submittedDaysAgo === null ? null : at(demo.submittedDaysAgo)
			})
			.execute();
		const content = JSON.stringify(demo.plan);
		const planId = crypto.randomUUID();
		const submitted = demo.submittedDaysAgo !== null;
		await trx
			.insertInto('plans')
			.values({
				id: planId,
				trajectory_id: trajectoryId,
				content,
				version: 2,
				updated_at: at(demo.submittedDaysAgo ?? demo.chosenDaysAgo),
				updated_by: clientId,
				signed_version: submitted ? 2 : null,
				signed_by: submitted ? 'user-demo-provider' : null,
				signed_at: submitted ? at((demo.submittedDaysAgo ?? 0) + 1) : null
			})
			.execute();
		await trx.insertInto('plan_revisions').values({ plan_id: planId, version: 2, content, saved_at: at(demo.submittedDaysAgo ?? demo.chosenDaysAgo), saved_by: clientId }).execute();
		const transitions: { from: TrajectoryStatus | null; to: TrajectoryStatus; daysAgo: number; reason?: string | null }[] = [{ from: null, to: 'draft', daysAgo: demo.chosenDaysAgo }];
		if (demo.submittedDaysAgo !== null) {
			transitions.push({ from: 'draft', to: 'provider_signed', daysAgo: demo.submittedDaysAgo + 1 });
			transitions.push({ from: 'provider_signed', to: 'submitted', daysAgo: demo.submittedDaysAgo });
			await trx
				.insertInto('plan_versions')
				.values({
					id: crypto.randomUUID(),
					trajectory_id: trajectoryId,
					number: 1,
					content,
					rules: JSON.stringify(defaultRules),
					rule_checks: JSON.stringify(checkPlan(demo.plan, defaultRules)),
					submitted_at: at(demo.submittedDaysAgo),
					submitted_by: clientId,
					decision: demo.decision?.decision ?? null,
					decision_reason: demo.decision?.reason ?? null,
					decided_at: demo.decision ? at(demo.decision.daysAgo) : null,
					decided_by: demo.decision ? reviewerOf(demo.organisationId, organisations) : null
				})
				.execute();
		}
		if (demo.decision?.decision === 'approved') {
			transitions.push({ from: 'submitted', to: 'approved', daysAgo: demo.decision.daysAgo });
			transitions.push({ from: 'approved', to: 'active', daysAgo: demo.decision.daysAgo });
		}
		if (demo.decision?.decision === 'changes_requested') {
			transitions.push({ from: 'submitted', to: 'changes_requested', daysAgo: demo.decision.daysAgo, reason: demo.decision.reason });
		}
		for (const transition of transitions) {
			await trx
				.insertInto('trajectory_transitions')
				.values({
					id: crypto.randomUUID(),
					trajectory_id: trajectoryId,
					occurred_at: at(transition.daysAgo),
					actor_id: null,
					from_status: transition.from,
					to_status: transition.to,
					reason: transition.reason ?? null
				})
				.execute();
		}
	}
	return trajectories.length;
}

function reviewerOf(organisationId: string, organisations: { uwv: string; zwolle: string; utrecht: string }): string {
	if (organisationId === organisations.uwv) return 'user-demo-reviewer-uwv';
	if (organisationId === organisations.zwolle) return 'user-demo-reviewer-gemeente';
	return 'user-demo-reviewer-utrecht';
}
