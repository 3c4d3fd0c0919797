/**
 * A process that runs one campaign's draw, as the lottery-campaigns job does, then exits:
 * `tsx test/draw-child.ts <tenantId> <campaignId>` with DATABASE_URL set. The kill test
 * (src/lottery/draw-kill.integration.test.ts) SIGKILLs it in the middle of the draw.
 */
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";

const [tenantId, campaignId] = process.argv.slice(2);
const app = await createApp(loadConfig({ ...process.env, SEED_DEMO: "false", LOG_LEVEL: "silent", PORT: "0", DEMO_PORT: "0" }), { jobs: false });
process.stdout.write("draw.starting\n");
const result = await app.services.lottery.draw(tenantId!, campaignId!);
process.stdout.write(`draw.result ${result}\n`);
await app.close();
process.exit(0);
