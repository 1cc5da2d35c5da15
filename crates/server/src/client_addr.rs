//! Who is on the other end of a request, for counting failed sign-ins per client.
//!
//! The address is the connection's, unless that connection comes from a proxy named in
//! `KLEVER_TRUSTED_PROXIES`: then `X-Forwarded-For` is read from the right (each proxy
//! appends the address it was reached from), skipping the trusted proxies, and the first
//! other address is the client. Anything a client writes into the header itself stands to
//! the left of that and is never reached, so a client cannot pick its own address.

use std::net::{IpAddr, SocketAddr};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{request::Parts, HeaderMap},
};

use crate::{error::AppError, AppState};

/// The client's address, as a key for counting: an IPv4 address, or an IPv6 address's
/// /64 network (one customer line gets a whole /64, so counting single IPv6 addresses would
/// let one client guess from billions of them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .ok_or_else(|| AppError::Internal("served without connection info".into()))?;
        Ok(ClientAddr(key(client_ip(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        ))))
    }
}

/// The client's address: `peer`, or when `peer` is a trusted proxy, the nearest address in
/// `X-Forwarded-For` that is not one.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(&peer) {
        return peer;
    }
    // Every X-Forwarded-For header, in order, as one list.
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip.to_canonical();
                if !trusted.contains(&client) {
                    break;
                }
            }
            // Garbage: the last address a trusted proxy vouched for is the client.
            Err(_) => break,
        }
    }
    client
}

/// The counting key of an address (see [`ClientAddr`]).
pub fn key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        headers
    }

    #[test]
    fn without_a_trusted_proxy_the_connection_is_the_client() {
        let headers = forwarded(&["198.51.100.9"]);
        assert_eq!(
            client_ip(ip("203.0.113.7"), &headers, &[]),
            ip("203.0.113.7")
        );
        // A proxy the server does not trust is a client like any other.
        let trusted = [ip("10.0.0.5")];
        assert_eq!(
            client_ip(ip("10.0.0.6"), &headers, &trusted),
            ip("10.0.0.6")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_other_address_is_the_client() {
        let trusted = [ip("10.0.0.5"), ip("10.0.0.6")];
        // The client claims to be 192.0.2.1; the first proxy saw 203.0.113.7.
        let headers = forwarded(&["192.0.2.1, 203.0.113.7", "10.0.0.6"]);
        assert_eq!(
            client_ip(ip("10.0.0.5"), &headers, &trusted),
            ip("203.0.113.7")
        );
        // No header: the proxy itself is all we know.
        assert_eq!(
            client_ip(ip("10.0.0.5"), &HeaderMap::new(), &trusted),
            ip("10.0.0.5")
        );
        // Garbage where an address should be stops the walk at the last one vouched for.
        let headers = forwarded(&["203.0.113.7, not-an-address"]);
        assert_eq!(
            client_ip(ip("10.0.0.5"), &headers, &trusted),
            ip("10.0.0.5")
        );
        // An IPv4 proxy seen through an IPv6 socket is still that proxy.
        let headers = forwarded(&["203.0.113.7"]);
        assert_eq!(
            client_ip(ip("::ffff:10.0.0.5"), &headers, &trusted),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_network() {
        assert_eq!(key(ip("203.0.113.7")), "203.0.113.7");
        assert_eq!(key(ip("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(
            key(ip("2001:db8:1:2:aaaa::1")),
            key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_eq!(key(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_ne!(key(ip("2001:db8:1:3::1")), key(ip("2001:db8:1:2::1")));
    }
}
