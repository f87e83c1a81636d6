package org.najm.automation;

/**
 * Part of a dumped range whose packets the ground cannot show it holds: it stays onboard and is played
 * back again.
 *
 * @param from      first onboard GPS second it may concern
 * @param to        last onboard GPS second it may concern
 * @param what      what the evidence showed, for the operator
 * @param recovered a later dump of the same contact confirmed past it
 */
record Gap(Store store, long from, long to, String what, boolean recovered) {

    Gap recovered(boolean r) {
        return new Gap(store, from, to, what, r);
    }
}
