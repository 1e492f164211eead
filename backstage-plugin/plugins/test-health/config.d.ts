export interface Config {
  /** The Test Health frontend plugin. */
  testHealth?: {
    grafana?: {
      /**
       * Grafana's base URL as the browser reaches it, e.g. https://grafana.example.com, where the
       * Test Health dashboards (`dashboards/`) are installed. Optional: without it the pages show no
       * "Open in Grafana" link.
       * @visibility frontend
       */
      baseUrl?: string;
    };
  };
}
