import { evaluateDoctor, renderChecks } from '../doctor/checks.js';
import { gatherDoctorFacts } from '../doctor/facts.js';

/** `isobench doctor`: exit 1 when any check fails. */
export async function doctorCommand(options: { json: boolean; smoke: boolean }): Promise<number> {
  const facts = await gatherDoctorFacts(options);
  const checks = evaluateDoctor(facts);
  process.stdout.write(options.json ? `${JSON.stringify({ checks, facts }, null, 2)}\n` : renderChecks(checks));
  return checks.some((c) => c.level === 'fail') ? 1 : 0;
}
