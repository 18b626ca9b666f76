// Type-checked (never run) by scripts/openapi-check.sh against the client openapi-typescript generates from
// the served document: if a rename or a lost type breaks a client written like this one, the check fails.
import type { components, paths } from "./generated/client";

type Schemas = components["schemas"];
type Json<T> = T extends { content: { "application/json": infer Body } } ? Body : never;
type Problem<T> = T extends { content: { "application/problem+json": infer Body } } ? Body : never;

type RegisterProjectBody = NonNullable<paths["/api/v1/projects"]["post"]["requestBody"]>["content"]["application/json"];
type Registered = Json<paths["/api/v1/projects"]["post"]["responses"]["201"]>;
type ProjectPage = Json<paths["/api/v1/projects"]["get"]["responses"]["200"]>;
type PlannedMilestone = Json<paths["/api/v1/projects/{id}/milestones"]["post"]["responses"]["201"]>;
type TooManyRequests = Problem<paths["/api/v1/projects"]["get"]["responses"]["429"]>;
type Invalid = Problem<paths["/api/v1/projects"]["post"]["responses"]["400"]>;

export const registration: RegisterProjectBody = {
  code: "2024-410300-48-01-000123",
  name: "东环路快速化改造",
  category: "ring-road",
  district: "410302",
  responsibleUnit: "市交通运输局",
  planPeriod: "15th",
  targetYear: 2027,
  totalInvestment: 125000.5,
  isPublic: true,
};

export const milestone: Schemas["PlanMilestoneRequest"] = {
  name: "主线高架开工",
  kind: "groundbreaking",
  baselineDate: "2026-03-31",
  isKey: true,
};

export const forecast: Schemas["ChangeForecastRequest"] = { forecastDate: "2026-05-15", reason: "管线迁改协调中" };

export const subscription: Schemas["SubscribeRequest"] = {
  email: "zhongdian@example.gov.cn",
  district: "410302",
  kinds: ["deadline", "overdue", "slip", "weekly-report"],
};

/** Fields the server always writes are not optional in the generated types. */
export function describe(project: Registered): string {
  const late = project.milestones.filter((m) => m.slipDays > 0).map((m) => `${m.name} ${m.forecastDate}`);
  return `${project.code} ${project.name} [${project.rag}] v${project.version}: ${late.join(", ")}`;
}

export function codes(page: ProjectPage): string[] {
  return page.items.map((p) => p.code);
}

export function severity(planned: PlannedMilestone): Schemas["Rag"] {
  return planned.severity;
}

export function fieldErrors(problem: Invalid): string[] {
  return Object.keys(problem.errors ?? {});
}

export function retryMessage(problem: TooManyRequests, retryAfterSeconds: number): string {
  return `${problem.title ?? "Too many requests"}: retry in ${retryAfterSeconds} s`;
}
