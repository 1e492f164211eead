export interface Config {
  /** The Test Health backend plugin: where quarantines and releases are forwarded. */
  testHealth?: {
    collector: {
      /** The collector's base URL as the backend reaches it, e.g. http://test-health-collector:8080 */
      baseUrl: string;
      /**
       * One of the collector's `testhealth.api.quarantine-tokens`; required when the collector locks its
       * quarantine writes (it should, once this plugin is installed).
       * @visibility secret
       */
      quarantineToken?: string;
    };
  };
}
