package io.testhealth.collector.ingest.allure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Allure result file in one streaming pass, straight into the {@code allure-model} fields that the parser
 * uses, when the file is written the way Allure's integrations write it.
 *
 * <p>Databind reads the same files by building a tree (to tell results from containers) and then binding the tree
 * to the model, with all of Jackson's coercions (a number where a string belongs, a string where a number belongs,
 * enum names in any case). This reader takes only the plain shapes: strings or {@code null} for texts, whole numbers
 * for times, booleans for flags, the lower- or upper-case names of enum values, and arrays and objects where the
 * model has lists and objects. Every property of the model is checked, also those the parser then drops (steps,
 * attachments, links...), so that a file which databind would refuse is never accepted here. On anything else the
 * reader gives up ({@link NotPlain}) and the caller reads the file the databind way, which then answers exactly as
 * it always did. Properties the model does not know are skipped, as databind skips them.
 */
final class PlainResultReader {

    /** What a plain file held. */
    enum Kind { RESULT, CONTAINER, NOT_ALLURE }

    /**
     * The file's kind and, for a result, the model fields the parser uses.
     *
     * @param result the result, or {@code null} unless {@link Kind#RESULT}
     */
    record Read(Kind kind, TestResult result) {
    }

    /** The file is not in the plain shape: read it the databind way. */
    static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private final JsonFactory factory;

    PlainResultReader(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * Reads one result file, or gives up.
     *
     * @throws NotPlain when the file holds anything but the plain shapes, or is not well-formed JSON
     */
    Read read(byte[] json, int length) throws NotPlain {
        try (JsonParser p = factory.createParser(json, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw NOT_PLAIN;
            }
            TestResult r = new TestResult();
            boolean container = false;
            boolean named = false;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "children", "befores", "afters" -> {
                        container = true;
                        p.skipChildren();
                    }
                    case "name" -> {
                        named = true;
                        r.setName(text(p, t));
                    }
                    case "status" -> {
                        named = true;
                        r.setStatus(status(p, t));
                    }
                    case "uuid" -> {
                        named = true;
                        checkText(t);
                    }
                    case "historyId" -> {
                        named = true;
                        r.setHistoryId(text(p, t));
                    }
                    case "testCaseId" -> r.setTestCaseId(text(p, t));
                    case "fullName" -> r.setFullName(text(p, t));
                    case "testCaseName", "description", "descriptionHtml" -> checkText(t);
                    case "start" -> r.setStart(number(p, t));
                    case "stop" -> r.setStop(number(p, t));
                    case "stage" -> stage(p, t);
                    case "statusDetails" -> r.setStatusDetails(statusDetails(p, t));
                    case "labels" -> r.setLabels(objects(p, t, 12, PlainResultReader::label));
                    case "parameters" -> r.setParameters(objects(p, t, 2, PlainResultReader::parameter));
                    case "titlePath" -> texts(p, t);
                    case "links" -> skipObjects(p, t, PlainResultReader::link);
                    case "attachments" -> skipObjects(p, t, PlainResultReader::attachment);
                    case "steps" -> skipObjects(p, t, PlainResultReader::step);
                    default -> p.skipChildren();
                }
            }
            if (container) {
                return new Read(Kind.CONTAINER, null);
            }
            return named ? new Read(Kind.RESULT, r) : new Read(Kind.NOT_ALLURE, null);
        } catch (IOException e) {
            // not well-formed, or beyond the read constraints: the databind way reports it with its own words
            throw NOT_PLAIN;
        }
    }

    private static String text(JsonParser p, JsonToken t) throws IOException, NotPlain {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw NOT_PLAIN;
        };
    }

    /** Checks a text the parser does not use, leaving it undecoded. */
    private static void checkText(JsonToken t) throws NotPlain {
        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
            throw NOT_PLAIN;
        }
    }

    /** Checks a time the parser does not use: up to 18 digits always fit a {@code long}, so need no parsing. */
    private static void checkNumber(JsonParser p, JsonToken t) throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NUMBER_INT && p.getTextLength() <= 18) {
            return;
        }
        number(p, t);
    }

    private static Long number(JsonParser p, JsonToken t) throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw NOT_PLAIN;
        }
        return p.getLongValue();
    }

    private static Boolean flag(JsonToken t, boolean nullable) throws NotPlain {
        return switch (t) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> {
                if (!nullable) {
                    throw NOT_PLAIN;
                }
                yield null;
            }
            default -> throw NOT_PLAIN;
        };
    }

    private static Status status(JsonParser p, JsonToken t) throws IOException, NotPlain {
        String s = text(p, t);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "passed", "PASSED" -> Status.PASSED;
            case "failed", "FAILED" -> Status.FAILED;
            case "broken", "BROKEN" -> Status.BROKEN;
            case "skipped", "SKIPPED" -> Status.SKIPPED;
            default -> throw NOT_PLAIN; // another spelling, or unknown: databind decides
        };
    }

    private static void stage(JsonParser p, JsonToken t) throws IOException, NotPlain {
        String s = text(p, t);
        if (s != null) {
            switch (s) {
                case "scheduled", "running", "finished", "pending", "interrupted",
                        "SCHEDULED", "RUNNING", "FINISHED", "PENDING", "INTERRUPTED" -> { }
                default -> throw NOT_PLAIN;
            }
        }
    }

    private static void mode(JsonParser p, JsonToken t) throws IOException, NotPlain {
        String s = text(p, t);
        if (s != null) {
            switch (s) {
                case "hidden", "masked", "default", "HIDDEN", "MASKED", "DEFAULT" -> { }
                default -> throw NOT_PLAIN;
            }
        }
    }

    private static StatusDetails statusDetails(JsonParser p, JsonToken t) throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_OBJECT) {
            throw NOT_PLAIN;
        }
        StatusDetails d = new StatusDetails();
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "message" -> d.setMessage(text(p, v));
                case "trace" -> d.setTrace(text(p, v));
                case "flaky" -> d.setFlaky(flag(v, false));
                case "known", "muted" -> flag(v, false);
                case "actual", "expected" -> checkText(v);
                default -> p.skipChildren();
            }
        }
        return d;
    }

    /** Reads one object of a list the parser uses, its start already read. */
    @FunctionalInterface
    private interface ObjectReader<T> {
        T read(JsonParser p) throws IOException, NotPlain;
    }

    /**
     * Reads a list of objects: {@code null}, or an array of objects or {@code null}s (kept, as databind keeps them).
     *
     * @param capacity the list's first capacity: the usual size of this list in real results
     */
    private static <T> List<T> objects(JsonParser p, JsonToken t, int capacity, ObjectReader<T> each)
            throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw NOT_PLAIN;
        }
        List<T> out = new ArrayList<>(capacity);
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.START_OBJECT) {
                out.add(each.read(p));
            } else if (e == JsonToken.VALUE_NULL) {
                out.add(null);
            } else {
                throw NOT_PLAIN;
            }
        }
        return out;
    }

    /** Reads one label object, its start already read. */
    private static Label label(JsonParser p) throws IOException, NotPlain {
        Label l = new Label();
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> l.setName(text(p, v));
                case "value" -> l.setValue(text(p, v));
                default -> p.skipChildren();
            }
        }
        return l;
    }

    /** Reads one parameter object, its start already read. */
    private static Parameter parameter(JsonParser p) throws IOException, NotPlain {
        Parameter parameter = new Parameter();
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> parameter.setName(text(p, v));
                case "value" -> parameter.setValue(text(p, v));
                case "excluded" -> parameter.setExcluded(flag(v, true));
                case "mode" -> mode(p, v);
                default -> p.skipChildren();
            }
        }
        return parameter;
    }

    private static void texts(JsonParser p, JsonToken t) throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw NOT_PLAIN;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            checkText(e);
        }
    }

    /** Checks one object of a list the parser does not use, its start already read. */
    @FunctionalInterface
    private interface ObjectCheck {
        void check(JsonParser p) throws IOException, NotPlain;
    }

    /** Checks a list of objects the parser does not use: {@code null}, or an array of objects or {@code null}s. */
    private static void skipObjects(JsonParser p, JsonToken t, ObjectCheck each) throws IOException, NotPlain {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            throw NOT_PLAIN;
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.START_OBJECT) {
                each.check(p);
            } else if (e != JsonToken.VALUE_NULL) {
                throw NOT_PLAIN;
            }
        }
    }

    private static void link(JsonParser p) throws IOException, NotPlain {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name", "url", "type" -> checkText(v);
                default -> p.skipChildren();
            }
        }
    }

    private static void attachment(JsonParser p) throws IOException, NotPlain {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name", "source", "type" -> checkText(v);
                case "size" -> checkNumber(p, v);
                default -> p.skipChildren();
            }
        }
    }

    private static void step(JsonParser p) throws IOException, NotPlain {
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (field) {
                case "name", "description", "descriptionHtml" -> checkText(v);
                case "status" -> status(p, v);
                case "statusDetails" -> statusDetails(p, v);
                case "stage" -> stage(p, v);
                case "start", "stop" -> checkNumber(p, v);
                case "steps" -> skipObjects(p, v, PlainResultReader::step);
                case "attachments" -> skipObjects(p, v, PlainResultReader::attachment);
                case "parameters" -> skipObjects(p, v, PlainResultReader::parameter);
                default -> p.skipChildren();
            }
        }
    }
}
