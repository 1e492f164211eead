export interface Config {
  testHealth?: {
    collector?: {
      /**
       * The collector's base URL as the backend reaches it, e.g. http://test-health-collector:8080
       */
      baseUrl: string;
    };
  };
}
