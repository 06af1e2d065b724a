package org.leadscoring.rescoring;

/** {@link RescoringProfile} with runs reading the open Leads by COQL, as the service does by default. */
public class CoqlRescoringProfile extends RescoringProfile {

    @Override
    protected String reader() {
        return "coql";
    }
}
