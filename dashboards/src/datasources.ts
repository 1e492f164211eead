// The two datasources the dashboards read, as dashboard variables: a dashboard imported into any Grafana asks for its
// Prometheus and PostgreSQL there, and a provisioned one starts on the uids of provisioning/datasources/testhealth.yaml.
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

export const PROMETHEUS_TYPE = 'prometheus';
export const POSTGRES_TYPE = 'grafana-postgresql-datasource';

/** Every Prometheus query names this: the `datasource` variable. */
export const PROMETHEUS: common.DataSourceRef = { type: PROMETHEUS_TYPE, uid: '${datasource}' };
/** Every SQL query names this: the `postgres` variable. */
export const POSTGRES: common.DataSourceRef = { type: POSTGRES_TYPE, uid: '${postgres}' };

/** The Prometheus scraping the collector; provisioned as uid testhealth-prometheus. */
export function prometheusVariable(): dashboard.DatasourceVariableBuilder {
    return new dashboard.DatasourceVariableBuilder('datasource').label('Prometheus').type(PROMETHEUS_TYPE)
        .current({ selected: true, text: 'Test Health Prometheus', value: 'testhealth-prometheus' });
}

/** The collector's PostgreSQL (read-only user); provisioned as uid testhealth-postgres. */
export function postgresVariable(): dashboard.DatasourceVariableBuilder {
    return new dashboard.DatasourceVariableBuilder('postgres').label('PostgreSQL').type(POSTGRES_TYPE)
        .current({ selected: true, text: 'Test Health PostgreSQL', value: 'testhealth-postgres' });
}

/**
 * A query of Grafana's PostgreSQL datasource. The SDK has no builder for the SQL datasources, so this is one on the
 * SDK's own extension point (a {@link cog.Dataquery} variant), with the fields Grafana's SQL query editor saves.
 */
export interface SqlQuery extends cog.Dataquery {
    refId?: string;
    hide?: boolean;
    datasource?: common.DataSourceRef;
    format: 'table' | 'time_series';
    rawQuery: true;
    editorMode: 'code';
    rawSql: string;
}

export class SqlQueryBuilder implements cog.Builder<cog.Dataquery> {
    private readonly internal: SqlQuery;

    constructor(rawSql: string) {
        this.internal = {
            format: 'table', rawQuery: true, editorMode: 'code', rawSql,
            _implementsDataqueryVariant() {},
        };
    }

    build(): SqlQuery {
        return this.internal;
    }

    refId(refId: string): this {
        this.internal.refId = refId;
        return this;
    }

    datasource(datasource: common.DataSourceRef): this {
        this.internal.datasource = datasource;
        return this;
    }

    format(format: 'table' | 'time_series'): this {
        this.internal.format = format;
        return this;
    }
}
