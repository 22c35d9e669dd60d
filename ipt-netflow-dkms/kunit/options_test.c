// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: NetFlow v9 and IPFIX options templates and options data records
 * against hand-assembled bytes.
 *
 * Each protocol has a stream of two golden messages: every options
 * template with its records (sequence 0), then a minute later the
 * statistics records alone (v9 sequence 1: export packets; IPFIX sequence
 * 4: the four options data records before it). ci/tools/decode_golden.py
 * --kunit feeds both streams to tshark, nfdump and ipfixDump and checks
 * what they decode field by field.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "ie.h"
#include "ipfix.h"
#include "options.h"
#include "sampler.h"
#include "v9.h"

#define BUF_LEN 1024
#define FILL 0xa5

/* Every options template, each followed by its records: 456 octets. */
static const u8 golden_v9_options[] = {
	0x00, 0x09, 0x00, 0x07,	/* version 9, count 7 */
	0x00, 0x01, 0x86, 0xa0,	/* sysUptime 100000 ms */
	0x65, 0x53, 0xf1, 0x00,	/* unix secs 1700000000 */
	0x00, 0x00, 0x00, 0x00,	/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x00, 0x01, 0x00, 0x38,	/* options template set 1, length 56 */
	0x01, 0x02, 0x00, 0x04, 0x00, 0x28,	/* template 258, scope length 4, option length 40 */
	0x00, 0x01, 0x00, 0x04,	/* scope System (scope) */
	0x00, 0x29, 0x00, 0x08,	/* exportedMessageTotalCount */
	0x00, 0x2a, 0x00, 0x08,	/* exportedFlowRecordTotalCount */
	0x00, 0x28, 0x00, 0x08,	/* exportedOctetTotalCount */
	0x00, 0xa3, 0x00, 0x08,	/* observedFlowTotalCount */
	0x00, 0x56, 0x00, 0x08,	/* packetTotalCount */
	0x00, 0x55, 0x00, 0x08,	/* octetTotalCount */
	0x00, 0xa4, 0x00, 0x08,	/* ignoredPacketTotalCount */
	0x00, 0xa5, 0x00, 0x08,	/* ignoredOctetTotalCount */
	0x00, 0x98, 0x00, 0x08,	/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,	/* flowEndMilliseconds */
	0x00, 0x00,	/* padding */
	0x01, 0x02, 0x00, 0x58,	/* data set 258, length 88 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,	/* exportedMessageTotalCount 42 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xe8,	/* exportedFlowRecordTotalCount 1000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xe2, 0x40,	/* exportedOctetTotalCount 123456 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xd2,	/* observedFlowTotalCount 1234 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x4c, 0x4b, 0x40,	/* packetTotalCount 5000000 */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07,	/* octetTotalCount 4294967303 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,	/* ignoredPacketTotalCount 3 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb4,	/* ignoredOctetTotalCount 180 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00,	/* flowEndMilliseconds 1700000000000 */
	0x00, 0x01, 0x00, 0x24,	/* options template set 1, length 36 */
	0x01, 0x03, 0x00, 0x04, 0x00, 0x14,	/* template 259, scope length 4, option length 20 */
	0x00, 0x01, 0x00, 0x04,	/* scope System (scope) */
	0x00, 0xa6, 0x00, 0x08,	/* notSentFlowTotalCount */
	0x00, 0xa7, 0x00, 0x08,	/* notSentPacketTotalCount */
	0x00, 0xa8, 0x00, 0x08,	/* notSentOctetTotalCount */
	0x00, 0x98, 0x00, 0x08,	/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,	/* flowEndMilliseconds */
	0x00, 0x00,	/* padding */
	0x01, 0x03, 0x00, 0x30,	/* data set 259, length 48 */
	0x00, 0x00, 0x00, 0x07,	/* scope: 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* notSentFlowTotalCount 2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,	/* notSentPacketTotalCount 10 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc,	/* notSentOctetTotalCount 1500 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00,	/* flowEndMilliseconds 1700000000000 */
	0x00, 0x01, 0x00, 0x1c,	/* options template set 1, length 28 */
	0x01, 0x04, 0x00, 0x08, 0x00, 0x08,	/* template 260, scope length 8, option length 8 */
	0x00, 0x01, 0x00, 0x04,	/* scope System (scope) */
	0x00, 0x02, 0x00, 0x04,	/* scope Interface (scope) */
	0x00, 0x52, 0x00, 0x10,	/* interfaceName */
	0x00, 0x53, 0x00, 0x40,	/* interfaceDescription */
	0x00, 0x00,	/* padding */
	0x01, 0x04, 0x00, 0xb4,	/* data set 260, length 180 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x01,	/* scope: ifindex 1 */
	0x6c, 0x6f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* interfaceName "lo" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* interfaceDescription "" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x02,	/* scope: ifindex 2 */
	0x65, 0x74, 0x68, 0x30, 0x00, 0x00, 0x00, 0x00,	/* interfaceName "eth0" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x75, 0x70, 0x6c, 0x69, 0x6e, 0x6b, 0x20, 0x74,	/* interfaceDescription "uplink to ISP" */
	0x6f, 0x20, 0x49, 0x53, 0x50, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* A minute later, the statistics records alone: 156 octets. */
static const u8 golden_v9_options_data_only[] = {
	0x00, 0x09, 0x00, 0x02,	/* version 9, count 2 */
	0x00, 0x02, 0x71, 0x00,	/* sysUptime 160000 ms */
	0x65, 0x53, 0xf1, 0x3c,	/* unix secs 1700000060 */
	0x00, 0x00, 0x00, 0x01,	/* sequence 1 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x01, 0x02, 0x00, 0x58,	/* data set 258, length 88 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2b,	/* exportedMessageTotalCount 43 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xeb,	/* exportedFlowRecordTotalCount 1003 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xe4, 0x60,	/* exportedOctetTotalCount 124000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xd8,	/* observedFlowTotalCount 1240 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x4c, 0x4b, 0xa4,	/* packetTotalCount 5000100 */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x31, 0xa0,	/* octetTotalCount 4294980000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,	/* ignoredPacketTotalCount 3 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb4,	/* ignoredOctetTotalCount 180 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe6, 0x52, 0x60,	/* flowEndMilliseconds 1700000060000 */
	0x01, 0x03, 0x00, 0x30,	/* data set 259, length 48 */
	0x00, 0x00, 0x00, 0x07,	/* scope: 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* notSentFlowTotalCount 2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,	/* notSentPacketTotalCount 10 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc,	/* notSentOctetTotalCount 1500 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe6, 0x52, 0x60,	/* flowEndMilliseconds 1700000060000 */
};

/* Every options template, each followed by its records: 452 octets. */
static const u8 golden_ipfix_options[] = {
	0x00, 0x0a, 0x01, 0xc4,	/* version 10, length 452 */
	0x65, 0x53, 0xf1, 0x00,	/* export time 1700000000 */
	0x00, 0x00, 0x00, 0x00,	/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,	/* observation domain 7 */
	0x00, 0x03, 0x00, 0x38,	/* options template set 3, length 56 */
	0x01, 0x02, 0x00, 0x0b, 0x00, 0x01,	/* template 258, 11 fields, 1 scope */
	0x00, 0x95, 0x00, 0x04,	/* observationDomainId (scope) */
	0x00, 0x29, 0x00, 0x08,	/* exportedMessageTotalCount */
	0x00, 0x2a, 0x00, 0x08,	/* exportedFlowRecordTotalCount */
	0x00, 0x28, 0x00, 0x08,	/* exportedOctetTotalCount */
	0x00, 0xa3, 0x00, 0x08,	/* observedFlowTotalCount */
	0x00, 0x56, 0x00, 0x08,	/* packetTotalCount */
	0x00, 0x55, 0x00, 0x08,	/* octetTotalCount */
	0x00, 0xa4, 0x00, 0x08,	/* ignoredPacketTotalCount */
	0x00, 0xa5, 0x00, 0x08,	/* ignoredOctetTotalCount */
	0x00, 0x98, 0x00, 0x08,	/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,	/* flowEndMilliseconds */
	0x00, 0x00,	/* padding */
	0x01, 0x02, 0x00, 0x58,	/* data set 258, length 88 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2a,	/* exportedMessageTotalCount 42 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xe8,	/* exportedFlowRecordTotalCount 1000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xe2, 0x40,	/* exportedOctetTotalCount 123456 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xd2,	/* observedFlowTotalCount 1234 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x4c, 0x4b, 0x40,	/* packetTotalCount 5000000 */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x07,	/* octetTotalCount 4294967303 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,	/* ignoredPacketTotalCount 3 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb4,	/* ignoredOctetTotalCount 180 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00,	/* flowEndMilliseconds 1700000000000 */
	0x00, 0x03, 0x00, 0x24,	/* options template set 3, length 36 */
	0x01, 0x03, 0x00, 0x06, 0x00, 0x01,	/* template 259, 6 fields, 1 scope */
	0x00, 0x90, 0x00, 0x04,	/* exportingProcessId (scope) */
	0x00, 0xa6, 0x00, 0x08,	/* notSentFlowTotalCount */
	0x00, 0xa7, 0x00, 0x08,	/* notSentPacketTotalCount */
	0x00, 0xa8, 0x00, 0x08,	/* notSentOctetTotalCount */
	0x00, 0x98, 0x00, 0x08,	/* flowStartMilliseconds */
	0x00, 0x99, 0x00, 0x08,	/* flowEndMilliseconds */
	0x00, 0x00,	/* padding */
	0x01, 0x03, 0x00, 0x30,	/* data set 259, length 48 */
	0x00, 0x00, 0x00, 0x07,	/* scope: 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* notSentFlowTotalCount 2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,	/* notSentPacketTotalCount 10 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc,	/* notSentOctetTotalCount 1500 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00,	/* flowEndMilliseconds 1700000000000 */
	0x00, 0x03, 0x00, 0x1c,	/* options template set 3, length 28 */
	0x01, 0x04, 0x00, 0x04, 0x00, 0x02,	/* template 260, 4 fields, 2 scope */
	0x00, 0x95, 0x00, 0x04,	/* observationDomainId (scope) */
	0x00, 0x0a, 0x00, 0x04,	/* ingressInterface (scope) */
	0x00, 0x52, 0x00, 0x10,	/* interfaceName */
	0x00, 0x53, 0x00, 0x40,	/* interfaceDescription */
	0x00, 0x00,	/* padding */
	0x01, 0x04, 0x00, 0xb4,	/* data set 260, length 180 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x01,	/* scope: ifindex 1 */
	0x6c, 0x6f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* interfaceName "lo" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* interfaceDescription "" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x02,	/* scope: ifindex 2 */
	0x65, 0x74, 0x68, 0x30, 0x00, 0x00, 0x00, 0x00,	/* interfaceName "eth0" */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x75, 0x70, 0x6c, 0x69, 0x6e, 0x6b, 0x20, 0x74,	/* interfaceDescription "uplink to ISP" */
	0x6f, 0x20, 0x49, 0x53, 0x50, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* A minute later, the statistics records alone: 152 octets. */
static const u8 golden_ipfix_options_data_only[] = {
	0x00, 0x0a, 0x00, 0x98,	/* version 10, length 152 */
	0x65, 0x53, 0xf1, 0x3c,	/* export time 1700000060 */
	0x00, 0x00, 0x00, 0x04,	/* sequence 4 */
	0x00, 0x00, 0x00, 0x07,	/* observation domain 7 */
	0x01, 0x02, 0x00, 0x58,	/* data set 258, length 88 */
	0x00, 0x00, 0x00, 0x07,	/* scope: domain 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2b,	/* exportedMessageTotalCount 43 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xeb,	/* exportedFlowRecordTotalCount 1003 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xe4, 0x60,	/* exportedOctetTotalCount 124000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0xd8,	/* observedFlowTotalCount 1240 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x4c, 0x4b, 0xa4,	/* packetTotalCount 5000100 */
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x31, 0xa0,	/* octetTotalCount 4294980000 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,	/* ignoredPacketTotalCount 3 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xb4,	/* ignoredOctetTotalCount 180 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe6, 0x52, 0x60,	/* flowEndMilliseconds 1700000060000 */
	0x01, 0x03, 0x00, 0x30,	/* data set 259, length 48 */
	0x00, 0x00, 0x00, 0x07,	/* scope: 7 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* notSentFlowTotalCount 2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a,	/* notSentPacketTotalCount 10 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0xdc,	/* notSentOctetTotalCount 1500 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe3, 0xe1, 0x60,	/* flowStartMilliseconds 1699999900000 */
	0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe6, 0x52, 0x60,	/* flowEndMilliseconds 1700000060000 */
};

/* The values of the first message; sent_ms is its export time. */
static struct netflow_opt_values stats_values(void)
{
	struct netflow_opt_values v = {
		.domain_id = 7,
		.exported_messages = 42,
		.exported_flows = 1000,
		.exported_octets = 123456,
		.observed_flows = 1234,
		.observed_packets = 5000000,
		.observed_octets = 0x100000007ULL,
		.ignored_packets = 3,
		.ignored_octets = 180,
		.not_sent_flows = 2,
		.not_sent_packets = 10,
		.not_sent_octets = 1500,
		.start_ms = 1699999900000ULL,
		.end_ms = 1700000000000ULL,
	};

	return v;
}

/* What the second message says: the totals a minute later. */
static struct netflow_opt_values later_values(void)
{
	struct netflow_opt_values v = stats_values();

	v.exported_messages = 43;
	v.exported_flows = 1003;
	v.exported_octets = 124000;
	v.observed_flows = 1240;
	v.observed_packets = 5000100;
	v.observed_octets = 4294980000ULL;
	v.end_ms = 1700000060000ULL;
	return v;
}

struct opt_buf {
	u8 b[BUF_LEN];
};

static u8 *fresh_buf(struct kunit *test)
{
	struct opt_buf *buf = kunit_kmalloc(test, sizeof(*buf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	memset(buf->b, FILL, sizeof(buf->b));
	return buf->b;
}

static void expect_untouched(struct kunit *test, const u8 *p, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		KUNIT_EXPECT_EQ_MSG(test, p[i], FILL, "octet %u after the end", i);
}

/* The first golden message's records, in either protocol. */
static void add_everything(struct kunit *test, struct netflow_msg *msg)
{
	struct netflow_opt_values v = stats_values();

	KUNIT_ASSERT_EQ(test, netflow_opt_add_template(msg, NETFLOW_OPT_METERING), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_METERING, &v), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_template(msg, NETFLOW_OPT_EXPORTING), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_EXPORTING, &v), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_template(msg, NETFLOW_OPT_INTERFACES), 0);
	v.ifindex = 1;
	v.if_name = "lo";
	v.if_desc = "";
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_INTERFACES, &v), 0);
	v.ifindex = 2;
	v.if_name = "eth0";
	v.if_desc = "uplink to ISP";
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_INTERFACES, &v), 0);
}

static void add_statistics(struct kunit *test, struct netflow_msg *msg)
{
	struct netflow_opt_values v = later_values();

	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_METERING, &v), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(msg, NETFLOW_OPT_EXPORTING, &v), 0);
}

static const struct netflow_v9_context v9_ctx = {
	.uptime_ms = 100000,
	.unix_secs = 1700000000,
	.sequence = 0,
	.source_id = 7,
};

static const struct netflow_ipfix_context ipfix_ctx = {
	.export_time = 1700000000,
	.sequence = 0,
	.domain_id = 7,
};

static void opt_v9_golden(struct kunit *test)
{
	struct netflow_v9_context ctx = v9_ctx;
	struct netflow_msg msg;
	u8 *buf = fresh_buf(test);
	unsigned int len;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	add_everything(test, &msg);
	len = netflow_v9_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_options));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_options, len);
	expect_untouched(test, buf + len, BUF_LEN - len);
	/* v9 Count: every record, options templates included */
	KUNIT_EXPECT_EQ(test, msg.records, 7);
	KUNIT_EXPECT_EQ(test, msg.data_records, 4);

	buf = fresh_buf(test);
	ctx.uptime_ms = 160000;
	ctx.unix_secs = 1700000060;
	ctx.sequence = 1;		/* export packets */
	netflow_v9_begin(&msg, buf, BUF_LEN);
	add_statistics(test, &msg);
	len = netflow_v9_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_v9_options_data_only));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_v9_options_data_only, len);
	expect_untouched(test, buf + len, BUF_LEN - len);
}

static void opt_ipfix_golden(struct kunit *test)
{
	struct netflow_ipfix_context ctx = ipfix_ctx;
	struct netflow_msg msg;
	u8 *buf = fresh_buf(test);
	unsigned int len;

	netflow_ipfix_begin(&msg, buf, BUF_LEN, 0);
	add_everything(test, &msg);
	len = netflow_ipfix_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_options));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_options, len);
	expect_untouched(test, buf + len, BUF_LEN - len);
	/* options data records are data records (RFC 7011 §3.1) */
	KUNIT_EXPECT_EQ(test, msg.data_records, 4);

	buf = fresh_buf(test);
	ctx.export_time = 1700000060;
	ctx.sequence += msg.data_records;
	netflow_ipfix_begin(&msg, buf, BUF_LEN, 0);
	add_statistics(test, &msg);
	len = netflow_ipfix_finish(&msg, &ctx);
	KUNIT_ASSERT_EQ(test, len, sizeof(golden_ipfix_options_data_only));
	KUNIT_EXPECT_MEMEQ(test, buf, golden_ipfix_options_data_only, len);
	expect_untouched(test, buf + len, BUF_LEN - len);
}

/* deterministic:10: 76 octets. */
static const u8 golden_v9_sampler_deterministic[] = {
	0x00, 0x09, 0x00, 0x02,	/* version 9, count 2 */
	0x00, 0x01, 0x86, 0xa0,	/* sysUptime 100000 ms */
	0x65, 0x53, 0xf1, 0x00,	/* unix secs 1700000000 */
	0x00, 0x00, 0x00, 0x00,	/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x00, 0x01, 0x00, 0x24,	/* options template set 1, length 36 */
	0x01, 0x06, 0x00, 0x04, 0x00, 0x14,	/* template 262, scope length 4, option length 20 */
	0x00, 0x01, 0x00, 0x04,	/* scope System (scope) */
	0x00, 0x30, 0x00, 0x01,	/* samplerId */
	0x00, 0x31, 0x00, 0x01,	/* samplerMode */
	0x00, 0x32, 0x00, 0x04,	/* samplerRandomInterval */
	0x00, 0x22, 0x00, 0x04,	/* samplingInterval */
	0x00, 0x23, 0x00, 0x01,	/* samplingAlgorithm */
	0x00, 0x00,	/* padding */
	0x01, 0x06, 0x00, 0x14,	/* data set 262, length 20 */
	0x00, 0x00, 0x00, 0x07,	/* scope System 7 */
	0x01,	/* samplerId 1 */
	0x01,	/* samplerMode 1 */
	0x00, 0x00, 0x00, 0x0a,	/* samplerRandomInterval 10 */
	0x00, 0x00, 0x00, 0x0a,	/* samplingInterval 10 */
	0x01,	/* samplingAlgorithm 1 */
	0x00,	/* padding */
};

/* then random:100: 76 octets. */
static const u8 golden_v9_sampler_random[] = {
	0x00, 0x09, 0x00, 0x02,	/* version 9, count 2 */
	0x00, 0x01, 0x8a, 0x88,	/* sysUptime 101000 ms */
	0x65, 0x53, 0xf1, 0x01,	/* unix secs 1700000001 */
	0x00, 0x00, 0x00, 0x01,	/* sequence 1 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x00, 0x01, 0x00, 0x24,	/* options template set 1, length 36 */
	0x01, 0x07, 0x00, 0x04, 0x00, 0x14,	/* template 263, scope length 4, option length 20 */
	0x00, 0x01, 0x00, 0x04,	/* scope System (scope) */
	0x00, 0x30, 0x00, 0x01,	/* samplerId */
	0x00, 0x31, 0x00, 0x01,	/* samplerMode */
	0x00, 0x32, 0x00, 0x04,	/* samplerRandomInterval */
	0x00, 0x22, 0x00, 0x04,	/* samplingInterval */
	0x00, 0x23, 0x00, 0x01,	/* samplingAlgorithm */
	0x00, 0x00,	/* padding */
	0x01, 0x07, 0x00, 0x14,	/* data set 263, length 20 */
	0x00, 0x00, 0x00, 0x07,	/* scope System 7 */
	0x02,	/* samplerId 2 */
	0x02,	/* samplerMode 2 */
	0x00, 0x00, 0x00, 0x64,	/* samplerRandomInterval 100 */
	0x00, 0x00, 0x00, 0x64,	/* samplingInterval 100 */
	0x02,	/* samplingAlgorithm 2 */
	0x00,	/* padding */
};

/* then hash:16383, template already sent: 40 octets. */
static const u8 golden_v9_sampler_hash[] = {
	0x00, 0x09, 0x00, 0x01,	/* version 9, count 1 */
	0x00, 0x01, 0x8e, 0x70,	/* sysUptime 102000 ms */
	0x65, 0x53, 0xf1, 0x02,	/* unix secs 1700000002 */
	0x00, 0x00, 0x00, 0x02,	/* sequence 2 */
	0x00, 0x00, 0x00, 0x07,	/* source id 7 */
	0x01, 0x07, 0x00, 0x14,	/* data set 263, length 20 */
	0x00, 0x00, 0x00, 0x07,	/* scope System 7 */
	0x03,	/* samplerId 3 */
	0x02,	/* samplerMode 2 */
	0x00, 0x00, 0x3f, 0xff,	/* samplerRandomInterval 16383 */
	0x00, 0x00, 0x3f, 0xff,	/* samplingInterval 16383 */
	0x02,	/* samplingAlgorithm 2 */
	0x00,	/* padding */
};

/* deterministic:10: 76 octets. */
static const u8 golden_ipfix_sampler_deterministic[] = {
	0x00, 0x0a, 0x00, 0x4c,	/* version 10, length 76 */
	0x65, 0x53, 0xf1, 0x00,	/* export time 1700000000 */
	0x00, 0x00, 0x00, 0x00,	/* sequence 0 */
	0x00, 0x00, 0x00, 0x07,	/* observation domain 7 */
	0x00, 0x03, 0x00, 0x1c,	/* options template set 3, length 28 */
	0x01, 0x06, 0x00, 0x04, 0x00, 0x01,	/* template 262, 4 fields, 1 scope */
	0x01, 0x2e, 0x00, 0x08,	/* selectorId (scope) */
	0x01, 0x86, 0x00, 0x02,	/* flowSelectorAlgorithm */
	0x01, 0x8c, 0x00, 0x08,	/* samplingFlowInterval */
	0x01, 0x8d, 0x00, 0x08,	/* samplingFlowSpacing */
	0x00, 0x00,	/* padding */
	0x01, 0x06, 0x00, 0x20,	/* data set 262, length 32 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,	/* selectorId 1 */
	0x00, 0x01,	/* flowSelectorAlgorithm 1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,	/* samplingFlowInterval 1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,	/* samplingFlowSpacing 9 */
	0x00, 0x00,	/* padding */
};

/* then random:100: 68 octets. */
static const u8 golden_ipfix_sampler_random[] = {
	0x00, 0x0a, 0x00, 0x44,	/* version 10, length 68 */
	0x65, 0x53, 0xf1, 0x01,	/* export time 1700000001 */
	0x00, 0x00, 0x00, 0x01,	/* sequence 1 */
	0x00, 0x00, 0x00, 0x07,	/* observation domain 7 */
	0x00, 0x03, 0x00, 0x1c,	/* options template set 3, length 28 */
	0x01, 0x07, 0x00, 0x04, 0x00, 0x01,	/* template 263, 4 fields, 1 scope */
	0x01, 0x2e, 0x00, 0x08,	/* selectorId (scope) */
	0x01, 0x86, 0x00, 0x02,	/* flowSelectorAlgorithm */
	0x01, 0x35, 0x00, 0x04,	/* samplingSize */
	0x01, 0x36, 0x00, 0x04,	/* samplingPopulation */
	0x00, 0x00,	/* padding */
	0x01, 0x07, 0x00, 0x18,	/* data set 263, length 24 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,	/* selectorId 2 */
	0x00, 0x03,	/* flowSelectorAlgorithm 3 */
	0x00, 0x00, 0x00, 0x01,	/* samplingSize 1 */
	0x00, 0x00, 0x00, 0x64,	/* samplingPopulation 100 */
	0x00, 0x00,	/* padding */
};

/* then hash:16383, template already sent: 40 octets. */
static const u8 golden_ipfix_sampler_hash[] = {
	0x00, 0x0a, 0x00, 0x28,	/* version 10, length 40 */
	0x65, 0x53, 0xf1, 0x02,	/* export time 1700000002 */
	0x00, 0x00, 0x00, 0x02,	/* sequence 2 */
	0x00, 0x00, 0x00, 0x07,	/* observation domain 7 */
	0x01, 0x07, 0x00, 0x18,	/* data set 263, length 24 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,	/* selectorId 3 */
	0x00, 0x03,	/* flowSelectorAlgorithm 3 */
	0x00, 0x00, 0x00, 0x01,	/* samplingSize 1 */
	0x00, 0x00, 0x3f, 0xff,	/* samplingPopulation 16383 */
	0x00, 0x00,	/* padding */
};

/*
 * The sampler's options (sampler=): a stream in which the sampler goes
 * from deterministic:10 to random:100 to hash:16383. Each mode's first
 * record comes with its template; hash shares random's template, already
 * sent. ci/tools/decode_golden.py --kunit decodes these too.
 */
struct sampler_golden {
	const char *sampler;
	bool tmpl;
	const u8 *v9, *ipfix;
	unsigned int v9_len, ipfix_len;
};

#define SAMPLER_GOLDEN(s, t, name) {					\
	s, t, golden_v9_sampler_##name, golden_ipfix_sampler_##name,	\
	sizeof(golden_v9_sampler_##name), sizeof(golden_ipfix_sampler_##name) }

static const struct sampler_golden sampler_stream[] = {
	SAMPLER_GOLDEN("deterministic:10", true, deterministic),
	SAMPLER_GOLDEN("random:100", true, random),
	SAMPLER_GOLDEN("hash:16383", false, hash),
};

static void opt_sampler_golden(struct kunit *test)
{
	struct netflow_v9_context v9 = v9_ctx;
	struct netflow_ipfix_context ipfix = ipfix_ctx;
	const struct sampler_golden *g;
	struct netflow_opt_values v = { .domain_id = 7 };
	struct netflow_msg msg;
	unsigned int len, i;
	enum netflow_opt o;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(sampler_stream); i++) {
		g = &sampler_stream[i];
		KUNIT_ASSERT_EQ(test, netflow_sampler_parse(g->sampler, &v.sampler), 0);
		o = netflow_opt_sampler(&v.sampler);

		buf = fresh_buf(test);
		v9.uptime_ms = 100000 + 1000 * i;
		v9.unix_secs = 1700000000 + i;
		v9.sequence = i;
		netflow_v9_begin(&msg, buf, BUF_LEN);
		if (g->tmpl)
			KUNIT_ASSERT_EQ(test, netflow_opt_add_template(&msg, o), 0);
		KUNIT_ASSERT_EQ(test, netflow_opt_add_record(&msg, o, &v), 0);
		len = netflow_v9_finish(&msg, &v9);
		KUNIT_ASSERT_EQ_MSG(test, len, g->v9_len, "v9 %s", g->sampler);
		KUNIT_EXPECT_MEMEQ_MSG(test, buf, g->v9, len, "v9 %s", g->sampler);
		expect_untouched(test, buf + len, BUF_LEN - len);

		buf = fresh_buf(test);
		ipfix.export_time = 1700000000 + i;
		netflow_ipfix_begin(&msg, buf, BUF_LEN, 0);
		if (g->tmpl)
			KUNIT_ASSERT_EQ(test, netflow_opt_add_template(&msg, o), 0);
		KUNIT_ASSERT_EQ(test, netflow_opt_add_record(&msg, o, &v), 0);
		len = netflow_ipfix_finish(&msg, &ipfix);
		KUNIT_ASSERT_EQ_MSG(test, len, g->ipfix_len, "IPFIX %s", g->sampler);
		KUNIT_EXPECT_MEMEQ_MSG(test, buf, g->ipfix, len, "IPFIX %s", g->sampler);
		expect_untouched(test, buf + len, BUF_LEN - len);
		ipfix.sequence += msg.data_records;
	}
}

static void opt_ids_never_collide(struct kunit *test)
{
	unsigned int o, t;

	for (o = 0; o < NETFLOW_OPT_COUNT; o++) {
		KUNIT_EXPECT_GE(test, netflow_opt_id(o), NETFLOW_SET_DATA_MIN);
		for (t = 0; t < NETFLOW_TMPL_COUNT; t++)
			KUNIT_EXPECT_NE(test, netflow_opt_id(o), netflow_tmpl_id(t));
		/* ascending, and 261 is the NAT event template's */
		if (o)
			KUNIT_EXPECT_GT(test, netflow_opt_id(o), netflow_opt_id(o - 1));
		KUNIT_EXPECT_NE(test, netflow_opt_id(o), 261);
	}
	KUNIT_EXPECT_EQ(test, netflow_opt_id(NETFLOW_OPT_METERING), 258);
	KUNIT_EXPECT_EQ(test, netflow_opt_id(NETFLOW_OPT_INTERFACES), 260);
	KUNIT_EXPECT_EQ(test, netflow_opt_id(NETFLOW_OPT_SAMPLER_SYSTEMATIC), 262);
	KUNIT_EXPECT_EQ(test, netflow_opt_id(NETFLOW_OPT_SAMPLER_RANDOM), 263);
}

static const struct netflow_ie_info opt_ie_info[NETFLOW_OIE_COUNT] = {
	NETFLOW_OPT_IE_INFO
};

static void opt_ie_table_is_complete(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < NETFLOW_OIE_COUNT; i++) {
		KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, opt_ie_info[i].name, "element %u", i);
		KUNIT_EXPECT_GT_MSG(test, opt_ie_info[i].id, 0, "element %u", i);
		KUNIT_EXPECT_LT_MSG(test, opt_ie_info[i].id, 0x8000, "element %u", i);
		KUNIT_EXPECT_GT_MSG(test, opt_ie_info[i].len, 0, "element %u", i);
	}
}

/* Sizes agree with what the builder writes, for every template. */
static void opt_sizes(struct kunit *test)
{
	static const enum netflow_tmpl_proto protos[] = {
		NETFLOW_TMPL_V9, NETFLOW_TMPL_IPFIX,
	};
	struct netflow_opt_values v = stats_values();
	unsigned int p, o, len;
	u8 *buf = fresh_buf(test);

	for (p = 0; p < ARRAY_SIZE(protos); p++) {
		for (o = 0; o < NETFLOW_OPT_COUNT; o++) {
			memset(buf, FILL, BUF_LEN);
			len = netflow_opt_tmpl_build(buf, protos[p], o);
			KUNIT_EXPECT_EQ(test, len, netflow_opt_tmpl_size(protos[p], o));
			expect_untouched(test, buf + len, BUF_LEN - len);
			memset(buf, FILL, BUF_LEN);
			len = netflow_opt_record_size(protos[p], o);
			netflow_opt_write_record(buf, protos[p], o, &v);
			expect_untouched(test, buf + len, BUF_LEN - len);
		}
	}
}

/* Strings: zero-padded; too long ones cut between UTF-8 characters. */
static void opt_strings(struct kunit *test)
{
	/* 63 ASCII octets, then U+00E9 (2 octets) across the 64th */
	static const char long_desc[] =
		"0123456789012345678901234567890123456789012345678901234567890ab\xc3\xa9xyz";
	struct netflow_opt_values v = { .ifindex = 5 };
	u8 *buf = fresh_buf(test);
	const u8 *name = buf + 8, *desc = buf + 24;

	v.if_name = "exactly16octets!";
	v.if_desc = long_desc;
	netflow_opt_write_record(buf, NETFLOW_TMPL_V9, NETFLOW_OPT_INTERFACES, &v);
	KUNIT_EXPECT_MEMEQ(test, name, "exactly16octets!", 16);
	KUNIT_EXPECT_MEMEQ(test, desc, long_desc, 63);
	KUNIT_EXPECT_EQ(test, desc[63], 0);
	expect_untouched(test, buf + 88, BUF_LEN - 88);

	/* a character that just fits stays whole */
	v.if_desc = long_desc + 1;
	netflow_opt_write_record(buf, NETFLOW_TMPL_V9, NETFLOW_OPT_INTERFACES, &v);
	KUNIT_EXPECT_MEMEQ(test, desc, long_desc + 1, 64);

	v.if_name = NULL;
	v.if_desc = "";
	netflow_opt_write_record(buf, NETFLOW_TMPL_IPFIX, NETFLOW_OPT_INTERFACES, &v);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(name, 0, 16 + 64), NULL);
}

/* Each options template has a set of its own, padded to 4 octets. */
static void opt_template_sets(struct kunit *test)
{
	struct netflow_msg msg;
	u8 *buf = fresh_buf(test);
	unsigned int len;

	netflow_v9_begin(&msg, buf, BUF_LEN);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_template(&msg, NETFLOW_OPT_EXPORTING), 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_template(&msg, NETFLOW_OPT_INTERFACES), 0);
	len = netflow_v9_finish(&msg, &v9_ctx);
	/* 20 header, 4 + 30 + 2 padding, 4 + 22 + 2 padding */
	KUNIT_EXPECT_EQ(test, len, 20 + 36 + 28);
	KUNIT_EXPECT_EQ(test, buf[20 + 1], 1);
	KUNIT_EXPECT_EQ(test, buf[20 + 3], 36);
	KUNIT_EXPECT_EQ(test, buf[20 + 34] | buf[20 + 35], 0);
	KUNIT_EXPECT_EQ(test, buf[56 + 1], 1);
	KUNIT_EXPECT_EQ(test, buf[56 + 3], 28);
	KUNIT_EXPECT_EQ(test, msg.records, 2);
	KUNIT_EXPECT_EQ(test, msg.data_records, 0);
}

/*
 * An options template is added only with room for one of its records
 * after it; otherwise -ENOSPC leaves the message as it was.
 */
static void opt_template_needs_room_for_a_record(struct kunit *test)
{
	struct netflow_opt_values v = stats_values();
	struct netflow_msg msg;
	u8 *buf = fresh_buf(test);
	/* header, exporting data set (48), its template set (36), 44 more */
	unsigned int cap = 16 + 48 + 36 + 4 + 40;

	netflow_ipfix_begin(&msg, buf, cap, 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(&msg, NETFLOW_OPT_EXPORTING, &v), 0);
	KUNIT_EXPECT_EQ(test, netflow_opt_add_template(&msg, NETFLOW_OPT_EXPORTING), -ENOSPC);
	KUNIT_EXPECT_EQ(test, msg.records, 1);
	KUNIT_EXPECT_EQ(test, msg.len, 16 + 48);
	netflow_ipfix_begin(&msg, buf, cap + 4, 0);
	KUNIT_ASSERT_EQ(test, netflow_opt_add_record(&msg, NETFLOW_OPT_EXPORTING, &v), 0);
	KUNIT_EXPECT_EQ(test, netflow_opt_add_template(&msg, NETFLOW_OPT_EXPORTING), 0);
	KUNIT_EXPECT_EQ(test, netflow_opt_add_record(&msg, NETFLOW_OPT_EXPORTING, &v), 0);
	KUNIT_EXPECT_EQ(test, netflow_ipfix_finish(&msg, &ipfix_ctx), cap + 4);

	/* too big for any message: an empty one says so */
	netflow_ipfix_begin(&msg, buf, 64, 0);
	KUNIT_EXPECT_EQ(test, netflow_opt_add_record(&msg, NETFLOW_OPT_INTERFACES, &v),
			-EMSGSIZE);
}

static struct kunit_case netflow_options_cases[] = {
	KUNIT_CASE(opt_v9_golden),
	KUNIT_CASE(opt_ipfix_golden),
	KUNIT_CASE(opt_sampler_golden),
	KUNIT_CASE(opt_ids_never_collide),
	KUNIT_CASE(opt_ie_table_is_complete),
	KUNIT_CASE(opt_sizes),
	KUNIT_CASE(opt_strings),
	KUNIT_CASE(opt_template_sets),
	KUNIT_CASE(opt_template_needs_room_for_a_record),
	{}
};

static struct kunit_suite netflow_options_suite = {
	.name = "netflow_options",
	.test_cases = netflow_options_cases,
};

kunit_test_suite(netflow_options_suite);
