// SPDX-License-Identifier: GPL-2.0
/*
 * tt_send IFNAME DSTMAC FIRST COUNT SEED CLASSES FAMILY [PACE [RANDSRC]]
 *
 * Sends the torture packets of cases.h (numbers FIRST..FIRST+COUNT-1, of
 * the CLASSES bit mask and FAMILY 4, 6 or 0) as Ethernet frames to DSTMAC
 * out of IFNAME through an AF_PACKET socket: real wire traffic, of which
 * the receiver's IP stack drops what it finds malformed before netfilter.
 * PACE: sleep that many microseconds after every 64 frames (0: none).
 * RANDSRC 1: every frame from a random IPv4 source address (a flow flood).
 * Prints "sent N meter N trunc N either N frags N errors N".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cases.h"

static int parse_mac(const char *s, unsigned char *mac)
{
	unsigned int b[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		mac[i] = b[i];
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long sent = 0, cls[TT_NCLASS] = { 0 }, frags = 0, errors = 0;
	unsigned char frame[14 + TT_CAP + 64];
	struct sockaddr_ll sll;
	unsigned int first, count, seed, classes, n, pace = 0, randsrc = 0;
	tt_u32 rs = 0x12345678;
	int fam, fd;

	if (argc < 8 || argc > 10) {
		fputs("usage: tt_send IFNAME DSTMAC FIRST COUNT SEED CLASSES FAMILY", stderr);
		fputs(" [PACE [RANDSRC]]\n", stderr);
		return 2;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = if_nametoindex(argv[1]);
	sll.sll_halen = 6;
	if (!sll.sll_ifindex || parse_mac(argv[2], sll.sll_addr)) {
		fprintf(stderr, "tt_send: bad interface or MAC\n");
		return 2;
	}
	first = strtoul(argv[3], NULL, 0);
	count = strtoul(argv[4], NULL, 0);
	seed = strtoul(argv[5], NULL, 0);
	classes = strtoul(argv[6], NULL, 0);
	fam = atoi(argv[7]);
	if (argc > 8)
		pace = strtoul(argv[8], NULL, 0);
	if (argc > 9)
		randsrc = strtoul(argv[9], NULL, 0);
	rs ^= seed;
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		perror("tt_send: socket");
		return 1;
	}
	memcpy(frame, sll.sll_addr, 6);
	memcpy(frame + 6, "\x02\x00\x00\x00\x7e\x01", 6);
	for (n = first; n - first < count; n++) {
		struct tt_meta m;
		unsigned int len = tt_gen(frame + 14, n, seed, fam, classes, &m);

		if (!m.family)
			continue;
		if (randsrc && m.family == 4 && len >= 20) {
			unsigned char *ip = frame + 14;

			tt_put32(ip + 12, tt_rand(&rs));
			tt_put16(ip + 10, 0);
			tt_put16(ip + 10, tt_csum(ip, (ip[0] & 15) * 4));
		}
		frame[12] = m.family == 4 ? 0x08 : 0x86;
		frame[13] = m.family == 4 ? 0x00 : 0xdd;
		sll.sll_protocol = htons(m.family == 4 ? ETH_P_IP : ETH_P_IPV6);
		/* a frame shorter than 60 bytes is padded by nobody: fine */
		while (sendto(fd, frame, 14 + len, 0, (struct sockaddr *)&sll,
			      sizeof(sll)) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(1000);
				continue;
			}
			errors++;
			break;
		}
		sent++;
		if (pace && !(sent & 63))
			usleep(pace);
		cls[m.cls]++;
		frags += m.frag;
	}
	printf("sent %llu meter %llu trunc %llu either %llu frags %llu errors %llu\n",
	       sent, cls[TT_METER], cls[TT_TRUNC], cls[TT_EITHER], frags, errors);
	close(fd);
	return errors ? 1 : 0;
}
