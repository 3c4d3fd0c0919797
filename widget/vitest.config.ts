import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["src/**/*.component.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          // Each element rendered on its own in Chromium (test/component-page.ts). Every file
          // serves the sources on a random port, so unlike e2e the files run in parallel.
          name: "component",
          include: ["src/**/*.component.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          environment: "node",
          // The demo host must listen on port 4001 (an origin the demo tenants allow), so
          // the browser suites run one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
