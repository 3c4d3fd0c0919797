import { describe, expect, it } from "vitest";
import { demoOrigins } from "./demo-origins.ts";

describe("the demo tenants' origins (issue 11.13)", () => {
  it("given PORT=5000, follow the demo port 5001 on localhost, 127.0.0.1 and the public host", () => {
    expect(demoOrigins({ publicUrl: "http://localhost:5000", demoPort: 5001 })).toEqual(["http://localhost:5001", "http://127.0.0.1:5001"]);
    expect(demoOrigins({ publicUrl: "https://demo.example.org", demoPort: 8443 })).toEqual([
      "https://localhost:8443",
      "https://127.0.0.1:8443",
      "https://demo.example.org:8443",
    ]);
  });

  it("without a demo host, adds none", () => {
    expect(demoOrigins({ publicUrl: "http://localhost:4000", demoPort: 0 })).toEqual([]);
  });
});
